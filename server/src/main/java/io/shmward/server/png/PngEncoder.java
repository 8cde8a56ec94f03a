package io.shmward.server.png;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * PNG from a {@link PixelImage}. wl_shm's 32-bit formats are DRM fourcc formats: the name lists channels
 * from the most significant bit of a little-endian 32-bit word, so {@code argb8888} is B, G, R, A in memory.
 * Formats with alpha carry premultiplied colour (Wayland's rule); PNG wants straight alpha, so colour is
 * divided by alpha. Formats with an ignored channel ({@code x...}) are opaque whatever that byte holds.
 */
public final class PngEncoder {
    /** Byte offsets of R, G, B and alpha (-1: no alpha) within a pixel, per format. */
    private record Layout(int r, int g, int b, int a) {
    }

    private static final Map<String, Layout> LAYOUTS = Map.of(
            "argb8888", new Layout(2, 1, 0, 3), "xrgb8888", new Layout(2, 1, 0, -1),
            "abgr8888", new Layout(0, 1, 2, 3), "xbgr8888", new Layout(0, 1, 2, -1),
            "rgba8888", new Layout(3, 2, 1, 0), "rgbx8888", new Layout(3, 2, 1, -1),
            "bgra8888", new Layout(1, 2, 3, 0), "bgrx8888", new Layout(1, 2, 3, -1));

    private PngEncoder() {
    }

    /** True when {@link #encode} can convert {@code format}. */
    public static boolean supports(String format) {
        return LAYOUTS.containsKey(format);
    }

    /** The image as PNG bytes; RGBA when the format has alpha, RGB otherwise. */
    public static byte[] encode(PixelImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(toBufferedImage(image), "png", out)) {
                throw new IllegalStateException("no PNG writer in this JRE");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    /** The pixels as straight-alpha ARGB (or opaque RGB), one int per pixel. */
    public static BufferedImage toBufferedImage(PixelImage image) {
        Layout l = LAYOUTS.get(image.format());
        if (l == null) {
            throw new IllegalArgumentException("cannot convert " + image.format() + " to PNG; supported: "
                    + LAYOUTS.keySet().stream().sorted().toList());
        }
        boolean alpha = l.a >= 0;
        BufferedImage out = new BufferedImage(image.width(), image.height(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        byte[] px = image.pixels();
        int[] row = new int[image.width()];
        for (int y = 0; y < image.height(); y++) {
            int base = y * image.stride();
            for (int x = 0; x < image.width(); x++) {
                int p = base + x * 4;
                int r = px[p + l.r] & 0xff;
                int g = px[p + l.g] & 0xff;
                int b = px[p + l.b] & 0xff;
                int a = alpha ? px[p + l.a] & 0xff : 0xff;
                if (alpha && a != 0xff) {
                    r = unpremultiply(r, a);
                    g = unpremultiply(g, a);
                    b = unpremultiply(b, a);
                }
                row[x] = a << 24 | r << 16 | g << 8 | b;
            }
            out.setRGB(0, y, image.width(), 1, row, 0, image.width());
        }
        return out;
    }

    /** Straight colour from premultiplied {@code c} at alpha {@code a}, rounded; 0 where nothing shows. */
    static int unpremultiply(int c, int a) {
        if (a == 0) {
            return 0;
        }
        return Math.min(255, (c * 255 + a / 2) / a);
    }
}
