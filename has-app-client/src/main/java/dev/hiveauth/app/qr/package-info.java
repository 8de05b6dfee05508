/** QR codes of {@code has://auth_req/} links, for terminals and as PNG images. */
package dev.hiveauth.app.qr;
