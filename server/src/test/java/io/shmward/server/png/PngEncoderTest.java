package io.shmward.server.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The byte orders of wl_shm's 32-bit formats, premultiplied alpha undone, stride padding skipped. */
class PngEncoderTest {

    @Test
    void eachFormatsChannelsComeFromTheirBytes() throws Exception {
        // one pixel, memory bytes 0x11 0x22 0x33 0x44, read in each format (opaque ones ignore their x byte)
        byte[] px = {0x11, 0x22, 0x33, 0x44};
        assertThat(decode("xrgb8888", px)).isEqualTo(0xff332211);
        assertThat(decode("xbgr8888", px)).isEqualTo(0xff112233);
        assertThat(decode("rgbx8888", px)).isEqualTo(0xff443322);
        assertThat(decode("bgrx8888", px)).isEqualTo(0xff223344);
        byte[] opaque = {0x11, 0x22, 0x33, (byte) 0xff};
        assertThat(decode("argb8888", opaque)).isEqualTo(0xff332211);
        assertThat(decode("abgr8888", opaque)).isEqualTo(0xff112233);
        byte[] opaqueFirst = {(byte) 0xff, 0x11, 0x22, 0x33};
        assertThat(decode("rgba8888", opaqueFirst)).isEqualTo(0xff332211);
        assertThat(decode("bgra8888", opaqueFirst)).isEqualTo(0xff112233);
    }

    @Test
    void premultipliedColourIsDividedByAlphaAndRounded() {
        assertThat(PngEncoder.unpremultiply(64, 128)).isEqualTo(128);
        assertThat(PngEncoder.unpremultiply(48, 64)).isEqualTo(191);
        assertThat(PngEncoder.unpremultiply(1, 3)).isEqualTo(85);
        assertThat(PngEncoder.unpremultiply(200, 0)).isZero();
        // a client that breaks the rule (colour above alpha) is clamped, not wrapped
        assertThat(PngEncoder.unpremultiply(200, 100)).isEqualTo(255);
    }

    @Test
    void strideBeyondTheWidthIsSkipped() throws Exception {
        // 1x2 xrgb8888 with a stride of 8: each row has a 4-byte pad that must not show
        byte[] px = {0x01, 0x02, 0x03, 0, 9, 9, 9, 9, 0x04, 0x05, 0x06, 0, 9, 9, 9, 9};
        BufferedImage img = read(new PixelImage(1, 2, 8, "xrgb8888", px));
        assertThat(img.getRGB(0, 0)).isEqualTo(0xff030201);
        assertThat(img.getRGB(0, 1)).isEqualTo(0xff060504);
    }

    @Test
    void aWindowIsItsLayersBlendedBottomToTopOnACanvasThatBoundsThemAll() throws Exception {
        // an opaque 2x1 main surface, a half-transparent white 1x1 argb layer over its right pixel,
        // and an opaque 1x1 layer hanging out left of the main surface's origin
        PixelImage main = new PixelImage(2, 1, 8, "xrgb8888", new byte[] {0, 0, (byte) 200, 0, 0, (byte) 200, 0, 0});
        PixelImage veil = new PixelImage(1, 1, 4, "argb8888", new byte[] {(byte) 128, (byte) 128, (byte) 128, (byte) 128});
        PixelImage left = new PixelImage(1, 1, 4, "xrgb8888", new byte[] {(byte) 255, 0, 0, 0});
        byte[] png = PngEncoder.encode(new WindowImage(java.util.List.of(
                new WindowImage.Layer(main, 0, 0), new WindowImage.Layer(veil, 1, 0), new WindowImage.Layer(left, -1, 0))));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(3);
        assertThat(img.getHeight()).isEqualTo(1);
        // x=0: the left layer; x=1: main's red; x=2: main's green under 50% white: 128 + 200 * 127 / 255
        assertThat(img.getRGB(0, 0, 3, 1, null, 0, 3)).containsExactly(0xff0000ff, 0xffc80000, 0xff80e480);
        assertThat(img.getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void uncoveredCanvasStaysTransparent() throws Exception {
        PixelImage dot = new PixelImage(1, 1, 4, "xrgb8888", new byte[] {1, 2, 3, 0});
        byte[] png = PngEncoder.encode(new WindowImage(java.util.List.of(
                new WindowImage.Layer(dot, 0, 0), new WindowImage.Layer(dot, 2, 1))));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getRGB(0, 0, 3, 2, null, 0, 3))
                .containsExactly(0xff030201, 0, 0, 0, 0, 0xff030201);
    }

    @Test
    void formatsWithoutAConversionAreRefused() {
        assertThat(PngEncoder.supports("rgb565")).isFalse();
        assertThatThrownBy(() -> PngEncoder.encode(new PixelImage(1, 1, 2, "rgb565", new byte[2])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rgb565");
    }

    private static int decode(String format, byte[] pixel) throws Exception {
        return read(new PixelImage(1, 1, 4, format, pixel)).getRGB(0, 0);
    }

    private static BufferedImage read(PixelImage image) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image)));
    }
}
