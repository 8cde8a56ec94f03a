package io.shmward.server.shm;

import io.shmward.protocol.spec.EnumSpec;
import io.shmward.protocol.spec.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The formats this server advertises. Names and codes come from wl_shm's {@code format} enum in the XML;
 * what the XML does not say is how many bytes a pixel takes, so that is the one table kept here, for the
 * single-plane formats a stride check makes sense for. Multi-planar YUV formats are not offered.
 */
public final class ShmFormats {
    private static final EnumSpec FORMAT_ENUM = Protocol.standard().get("wl_shm").enumeration("format");
    private static final Map<String, Integer> BYTES_PER_PIXEL = Map.ofEntries(
            Map.entry("argb8888", 4), Map.entry("xrgb8888", 4),
            Map.entry("abgr8888", 4), Map.entry("xbgr8888", 4),
            Map.entry("rgba8888", 4), Map.entry("rgbx8888", 4),
            Map.entry("bgra8888", 4), Map.entry("bgrx8888", 4),
            Map.entry("argb2101010", 4), Map.entry("xrgb2101010", 4),
            Map.entry("abgr2101010", 4), Map.entry("xbgr2101010", 4),
            Map.entry("rgb888", 3), Map.entry("bgr888", 3),
            Map.entry("rgb565", 2), Map.entry("bgr565", 2),
            Map.entry("argb4444", 2), Map.entry("xrgb4444", 2),
            Map.entry("argb1555", 2), Map.entry("xrgb1555", 2),
            Map.entry("gr88", 2), Map.entry("rg88", 2), Map.entry("r8", 1), Map.entry("r16", 2),
            Map.entry("abgr16161616f", 8), Map.entry("xbgr16161616f", 8),
            Map.entry("abgr16161616", 8), Map.entry("xbgr16161616", 8));

    /** The two formats every compositor must support, per wayland.xml. */
    public static final List<String> MANDATORY = List.of("argb8888", "xrgb8888");

    private final Map<Integer, ShmFormat> byCode = new LinkedHashMap<>();

    private ShmFormats(List<ShmFormat> formats) {
        for (ShmFormat f : formats) {
            byCode.put(f.code(), f);
        }
    }

    /** The named formats, mandatory ones first; an unknown or unsupported name is a configuration error. */
    public static ShmFormats of(List<String> names) {
        List<String> all = new ArrayList<>(MANDATORY);
        for (String n : names) {
            if (!all.contains(n)) {
                all.add(n);
            }
        }
        List<ShmFormat> formats = new ArrayList<>();
        for (String name : all) {
            Integer bpp = BYTES_PER_PIXEL.get(name);
            if (!FORMAT_ENUM.entries().containsKey(name) || bpp == null) {
                throw new IllegalArgumentException("shm format '" + name + "' is not one Shmward can offer; choose from "
                        + BYTES_PER_PIXEL.keySet().stream().sorted().toList());
            }
            formats.add(new ShmFormat(name, FORMAT_ENUM.value(name), bpp));
        }
        return new ShmFormats(formats);
    }

    /** The advertised format with wire code {@code code}, or null. */
    public ShmFormat byCode(int code) {
        return byCode.get(code);
    }

    public List<ShmFormat> all() {
        return List.copyOf(byCode.values());
    }
}
