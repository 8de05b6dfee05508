package dev.hiveauth.app.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.hiveauth.protocol.payload.AuthPayload;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The QR code of a has:// payload, read back with ZXing from the PNG and from the terminal drawing. */
class QrCodeTest {
    /** The payload of the docs' worked example (auth-payload vectors). */
    private static final String PAYLOAD = new AuthPayload("arcange", "9b0e2dc3-f574-4766-abdd-c429dce11284",
            "03f63469-5a35-47cb-a6b4-e8c4d3144cf9", "wss://has.hiveauth.com").toUri();

    @Test
    void thePngReadsBackAsThePayload(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("auth.png");
        QrCode.encode(PAYLOAD).writePng(file, 6);

        BufferedImage image = ImageIO.read(file.toFile());
        int side = (QrCode.encode(PAYLOAD).size() + 2 * QrCode.QUIET_ZONE) * 6;
        assertThat(image.getWidth()).isEqualTo(side);
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).as("the quiet zone is white").isEqualTo(0xFFFFFF);
        assertThat(decode(image)).isEqualTo(PAYLOAD);
        assertThat(decode(ImageIO.read(new ByteArrayInputStream(QrCode.encode(PAYLOAD).toPng(3))))).isEqualTo(PAYLOAD);
    }

    @Test
    void theTerminalDrawingReadsBackAsThePayload() throws Exception {
        QrCode qr = QrCode.encode(PAYLOAD);
        String text = qr.toTerminal();

        List<String> lines = text.lines().toList();
        int side = qr.size() + 2 * QrCode.QUIET_ZONE;
        assertThat(lines).hasSize((side + 1) / 2).allSatisfy(line -> assertThat(line).hasSize(side));
        assertThat(text.chars().filter(c -> c != '\n')).allMatch(c -> " ▀▄█".indexOf(c) >= 0);
        assertThat(lines.get(0)).as("the quiet zone: light, so glyphs").matches("█+");
        assertThat(decode(pixelsOfTerminal(text, 4))).isEqualTo(PAYLOAD);
    }

    @Test
    void colouredTerminalTextForcesWhiteOnBlackAroundTheSameDrawing() throws Exception {
        QrCode qr = QrCode.encode(PAYLOAD);
        String coloured = qr.toTerminal(true);

        assertThat(coloured.lines()).allSatisfy(line -> assertThat(line).startsWith("\u001b[97;40m").endsWith("\u001b[0m"));
        String stripped = coloured.replaceAll("\u001b\\[[0-9;]*m", "");
        assertThat(stripped).isEqualTo(qr.toTerminal());
        assertThat(decode(pixelsOfTerminal(stripped, 3))).isEqualTo(PAYLOAD);
    }

    @Test
    void everyModuleIsDrawnWhereTheSymbolHasIt() {
        QrCode qr = QrCode.encode("has://auth_req/e30=");
        boolean[][] light = lightModules(qr.toTerminal());
        for (int y = 0; y < qr.size(); y++) {
            for (int x = 0; x < qr.size(); x++) {
                assertThat(light[y + QrCode.QUIET_ZONE][x + QrCode.QUIET_ZONE]).isEqualTo(!qr.isDark(x, y));
            }
        }
    }

    /** Each half block back to its two modules: a glyph's lit half is a light module. */
    private static boolean[][] lightModules(String text) {
        List<String> lines = text.lines().toList();
        boolean[][] light = new boolean[lines.size() * 2][];
        for (int row = 0; row < lines.size(); row++) {
            String line = lines.get(row);
            light[2 * row] = new boolean[line.length()];
            light[2 * row + 1] = new boolean[line.length()];
            for (int x = 0; x < line.length(); x++) {
                char c = line.charAt(x);
                light[2 * row][x] = c == '█' || c == '▀';
                light[2 * row + 1][x] = c == '█' || c == '▄';
            }
        }
        return light;
    }

    /** The terminal drawing as a camera would see it on a light-on-dark terminal. */
    private static BufferedImage pixelsOfTerminal(String text, int scale) {
        boolean[][] light = lightModules(text);
        int width = light[0].length * scale;
        int height = light.length * scale;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, light[y / scale][x / scale] ? 0xFFFFFF : 0x000000);
            }
        }
        return image;
    }

    private static String decode(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

}
