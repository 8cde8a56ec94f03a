package io.shmward.server.png;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * PNG from a {@link PixelImage} or a composed {@link WindowImage}. wl_shm's 32-bit formats are DRM fourcc
 * formats: the name lists channels from the most significant bit of a little-endian 32-bit word, so
 * {@code argb8888} is B, G, R, A in memory. Formats with alpha carry premultiplied colour (Wayland's rule),
 * which is also the space surfaces are blended in; PNG wants straight alpha, so colour is divided by alpha
 * at the end. Formats with an ignored channel ({@code x...}) are opaque whatever that byte holds.
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
        return png(toBufferedImage(image));
    }

    /**
     * The window's surfaces blended bottom to top (source over) on a transparent canvas that bounds them
     * all; RGB when the result is opaque everywhere, RGBA otherwise.
     */
    public static byte[] encode(WindowImage window) {
        if (window.layers().isEmpty()) {
            throw new IllegalArgumentException("a window without content has no picture");
        }
        if (window.layers().size() == 1 && window.layers().getFirst().x() == 0 && window.layers().getFirst().y() == 0) {
            return encode(window.layers().getFirst().image());
        }
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = Integer.MIN_VALUE;
        int y1 = Integer.MIN_VALUE;
        for (WindowImage.Layer l : window.layers()) {
            x0 = Math.min(x0, l.x());
            y0 = Math.min(y0, l.y());
            x1 = Math.max(x1, l.x() + l.image().width());
            y1 = Math.max(y1, l.y() + l.image().height());
        }
        int width = x1 - x0;
        int height = y1 - y0;
        int[] canvas = new int[width * height];
        for (WindowImage.Layer l : window.layers()) {
            PixelImage img = l.image();
            int[] src = premultiplied(img);
            for (int y = 0; y < img.height(); y++) {
                int row = (l.y() - y0 + y) * width + (l.x() - x0);
                for (int x = 0; x < img.width(); x++) {
                    canvas[row + x] = over(src[y * img.width() + x], canvas[row + x]);
                }
            }
        }
        boolean opaque = true;
        for (int p : canvas) {
            opaque &= p >>> 24 == 0xff;
        }
        return png(straight(width, height, canvas, !opaque));
    }

    /** The pixels as straight-alpha ARGB (or opaque RGB). */
    public static BufferedImage toBufferedImage(PixelImage image) {
        return straight(image.width(), image.height(), premultiplied(image), layout(image.format()).a >= 0);
    }

    /** Premultiplied ARGB words, one per pixel, row by row without padding; opaque formats get alpha 255. */
    private static int[] premultiplied(PixelImage image) {
        Layout l = layout(image.format());
        byte[] px = image.pixels();
        int[] out = new int[image.width() * image.height()];
        for (int y = 0; y < image.height(); y++) {
            int base = y * image.stride();
            for (int x = 0; x < image.width(); x++) {
                int p = base + x * 4;
                int a = l.a >= 0 ? px[p + l.a] & 0xff : 0xff;
                out[y * image.width() + x] = a << 24 | (px[p + l.r] & 0xff) << 16 | (px[p + l.g] & 0xff) << 8
                        | (px[p + l.b] & 0xff);
            }
        }
        return out;
    }

    /** Porter-Duff source over, premultiplied: out = src + dst * (1 - src alpha), per channel. */
    static int over(int src, int dst) {
        int inverse = 255 - (src >>> 24);
        int out = 0;
        for (int shift = 0; shift <= 24; shift += 8) {
            int c = (src >>> shift & 0xff) + ((dst >>> shift & 0xff) * inverse + 127) / 255;
            out |= Math.min(255, c) << shift;
        }
        return out;
    }

    private static BufferedImage straight(int width, int height, int[] premultiplied, boolean alpha) {
        BufferedImage out = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = premultiplied[y * width + x];
                int a = p >>> 24;
                int r = p >>> 16 & 0xff;
                int g = p >>> 8 & 0xff;
                int b = p & 0xff;
                if (a != 0xff) {
                    r = unpremultiply(r, a);
                    g = unpremultiply(g, a);
                    b = unpremultiply(b, a);
                }
                row[x] = a << 24 | r << 16 | g << 8 | b;
            }
            out.setRGB(0, y, width, 1, row, 0, width);
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

    private static Layout layout(String format) {
        Layout l = LAYOUTS.get(format);
        if (l == null) {
            throw new IllegalArgumentException("cannot convert " + format + " to PNG; supported: "
                    + LAYOUTS.keySet().stream().sorted().toList());
        }
        return l;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JRE");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }
}
