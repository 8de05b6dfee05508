package dev.hiveauth.app.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A QR code of a text (a {@code has://auth_req/…} link), drawn for a terminal or as a PNG image, with
 * ZXing and error correction level M.
 *
 * <p>Terminal drawing packs two rows of modules into one line of Unicode half blocks ({@code ▀ ▄ █} and
 * space) and, like {@code qrencode -t UTF8}, draws the <em>light</em> modules: a glyph is light, a space is
 * dark. On the usual light-text-on-dark-background terminal this shows dark modules on a light field, the
 * way cameras expect, inside a 4-module light quiet zone. {@link #toTerminal(boolean)} with colours adds
 * ANSI codes that force white on black, so the same holds on a light-background terminal.
 */
public final class QrCode {
    /** Light modules around the symbol, as the QR specification asks. */
    public static final int QUIET_ZONE = 4;
    private static final String FORCE_WHITE_ON_BLACK = "\u001b[97;40m";
    private static final String RESET = "\u001b[0m";

    private final ByteMatrix modules;

    private QrCode(ByteMatrix modules) {
        this.modules = modules;
    }

    /** The QR code of {@code text} (the smallest version that holds it). */
    public static QrCode encode(String text) {
        try {
            return new QrCode(Encoder.encode(text, ErrorCorrectionLevel.M,
                    Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix());
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
        }
    }

    /** Modules per side, without the quiet zone. */
    public int size() {
        return modules.getWidth();
    }

    /** True for a dark module; coordinates count from the symbol's top left, without the quiet zone. */
    public boolean isDark(int x, int y) {
        return modules.get(x, y) == 1;
    }

    /** Dark, counting the quiet zone (everything outside the symbol is light). */
    private boolean isDarkWithQuietZone(int x, int y) {
        int sx = x - QUIET_ZONE;
        int sy = y - QUIET_ZONE;
        return sx >= 0 && sy >= 0 && sx < size() && sy < size() && isDark(sx, sy);
    }

    /** Half-block text for a light-on-dark terminal, one line per two module rows, lines ending in {@code \n}. */
    public String toTerminal() {
        return toTerminal(false);
    }

    /**
     * Half-block text; with {@code colours}, each line is wrapped in ANSI codes for bright white on black so
     * that it reads as dark-on-light whatever the terminal's own colours.
     */
    public String toTerminal(boolean colours) {
        int side = size() + 2 * QUIET_ZONE;
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < side; y += 2) {
            if (colours) {
                text.append(FORCE_WHITE_ON_BLACK);
            }
            for (int x = 0; x < side; x++) {
                boolean topLight = !isDarkWithQuietZone(x, y);
                // past the last row: the terminal's own (dark) background, so no extra light half-row
                boolean bottomLight = y + 1 < side && !isDarkWithQuietZone(x, y + 1);
                text.append(topLight ? (bottomLight ? '█' : '▀') : (bottomLight ? '▄' : ' '));
            }
            if (colours) {
                text.append(RESET);
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** A black-on-white image, {@code pixelsPerModule} pixels per module, with the quiet zone. */
    public BufferedImage toImage(int pixelsPerModule) {
        if (pixelsPerModule < 1) {
            throw new IllegalArgumentException("pixelsPerModule must be at least 1");
        }
        int side = (size() + 2 * QUIET_ZONE) * pixelsPerModule;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean dark = isDarkWithQuietZone(x / pixelsPerModule, y / pixelsPerModule);
                image.setRGB(x, y, dark ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return image;
    }

    /** The PNG bytes of {@link #toImage(int)}. */
    public byte[] toPng(int pixelsPerModule) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(toImage(pixelsPerModule), "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the PNG to {@code file} (replacing it). */
    public void writePng(Path file, int pixelsPerModule) throws IOException {
        Files.write(file, toPng(pixelsPerModule));
    }
}
