package io.shmward.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** Reads the built-in defaults and overlays an optional user file on them, key by key. */
public final class ConfigLoader {
    private static final String DEFAULTS = "/io/shmward/server/config/shmward.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    public static ShmwardConfig defaults() throws IOException {
        return YAML.treeToValue(defaultTree(), ShmwardConfig.class);
    }

    /** The defaults with {@code file}'s keys laid over them. */
    public static ShmwardConfig load(Path file) throws IOException {
        JsonNode user = YAML.readTree(Files.readString(file));
        ObjectNode merged = defaultTree();
        if (user != null && !user.isMissingNode() && !user.isNull()) {
            if (!user.isObject()) {
                throw new IOException(file + ": expected a mapping of settings at the top level");
            }
            overlay(merged, (ObjectNode) user);
        }
        try {
            return YAML.treeToValue(merged, ShmwardConfig.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode defaultTree() throws IOException {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IOException("built-in configuration " + DEFAULTS + " is missing from the jar");
            }
            return (ObjectNode) YAML.readTree(in);
        }
    }

    private static void overlay(ObjectNode base, ObjectNode top) {
        Iterator<Map.Entry<String, JsonNode>> fields = top.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode baseChild && field.getValue() instanceof ObjectNode topChild) {
                overlay(baseChild, topChild);
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }
}
