import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Generates the typed requests from the vendored protocol XML, at build time (exec-maven-plugin runs this
 * file in source-file mode at generate-sources): per interface a final class with a sealed {@code Request}
 * interface, one record per request and a decoder over {@code io.shmward.protocol.wire.ArgReader}; per
 * XML file an {@code Interfaces} index and a package-info. Only the JDK is used, so nothing has to be built
 * before it.
 *
 * <p>Usage: {@code java WaylandScanner.java OUTPUT_DIR PACKAGE=XML_FILE...}. A file is written only when
 * its content changed, so the module is not recompiled on every build; generated files of interfaces that
 * left the XML are deleted.
 */
public final class WaylandScanner {
    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte",
            "case", "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum",
            "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof",
            "int", "interface", "long", "native", "new", "package", "private", "protected", "public", "return",
            "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
            "transient", "try", "void", "volatile", "while", "true", "false", "null", "record", "yield", "var");
    /** Names the generated code uses itself; a request or argument named so would shadow them. */
    private static final Set<String> RESERVED = Set.of("Request", "String", "Fd", "NewObject", "ArgReader",
            "InterfaceType", "WaylandRequest", "TYPE", "NAME", "VERSION", "in", "opcode");

    record Arg(String name, String type, String iface, boolean nullable, String enumName, String summary) {
        String field() {
            return javaName(camel(name, false));
        }

        boolean isFd() {
            return type.equals("fd");
        }

        String javaType() {
            return switch (type) {
                case "int", "uint", "fixed", "object" -> "int";
                case "new_id" -> iface == null ? "NewObject" : "int";
                case "string" -> "String";
                case "array" -> "byte[]";
                case "fd" -> "Fd";
                default -> throw new IllegalArgumentException("unknown argument type " + type);
            };
        }

        /** The read of this argument, in wire order. */
        String read() {
            String n = quote(name);
            return switch (type) {
                case "int" -> "in.int32(" + n + ")";
                case "uint" -> "in.uint32(" + n + ")";
                case "fixed" -> "in.fixed(" + n + ")";
                case "object" -> "in.object(" + n + ", " + nullable + ")";
                case "new_id" -> iface == null ? "in.newObject(" + n + ")" : "in.newId(" + n + ")";
                case "string" -> "in.string(" + n + ", " + nullable + ")";
                case "array" -> "in.array(" + n + ")";
                case "fd" -> "in.fd()";
                default -> throw new IllegalArgumentException("unknown argument type " + type);
            };
        }

        String describe() {
            StringBuilder sb = new StringBuilder(summary.isEmpty() ? "" : summary + " ");
            sb.append("(").append(type);
            if (iface != null) {
                sb.append(" ").append(iface);
            }
            if (enumName != null) {
                sb.append(", enum ").append(enumName);
            }
            if (type.equals("fixed")) {
                sb.append(", raw 24.8");
            }
            if (nullable) {
                sb.append(type.equals("string") ? ", may be null" : ", 0 for null");
            }
            if (type.equals("fd")) {
                sb.append(", closed after dispatch unless taken");
            }
            return sb.append(")").toString();
        }
    }

    record Request(String name, int opcode, int since, boolean destructor, String summary, String description,
                   List<Arg> args) {
        String record() {
            return camel(name, true);
        }

        boolean hasFds() {
            return args.stream().anyMatch(Arg::isFd);
        }
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length < 2) {
            throw new IllegalArgumentException("usage: WaylandScanner OUTPUT_DIR PACKAGE=XML_FILE...");
        }
        Path out = Path.of(argv[0]);
        for (int i = 1; i < argv.length; i++) {
            String[] packageAndFile = argv[i].split("=", 2);
            generate(out, packageAndFile[0], Path.of(packageAndFile[1]));
        }
    }

    private static void generate(Path out, String pkg, Path xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(xml.toFile());
        Path dir = out.resolve(pkg.replace('.', '/'));
        Files.createDirectories(dir);
        Set<String> written = new HashSet<>();
        List<String> classes = new ArrayList<>();
        for (Element iface : children(doc.getDocumentElement(), "interface")) {
            String className = camel(iface.getAttribute("name"), true);
            writeIfChanged(dir.resolve(className + ".java"), interfaceSource(pkg, xml, iface));
            written.add(className + ".java");
            classes.add(className);
        }
        writeIfChanged(dir.resolve("Interfaces.java"), indexSource(pkg, xml, classes));
        written.add("Interfaces.java");
        writeIfChanged(dir.resolve("package-info.java"), "// Generated by WaylandScanner from " + xml.getFileName()
                + ". Do not edit.\n/**\n * The requests of {@code " + xml.getFileName() + "} as records, generated"
                + " at build time (protocol/src/build):\n * one class per interface, whose sealed {@code Request}"
                + " a handler switches over without default.\n */\npackage " + pkg + ";\n");
        written.add("package-info.java");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path stale : files.filter(f -> !written.contains(f.getFileName().toString())).toList()) {
                Files.delete(stale);
            }
        }
    }

    private static String interfaceSource(String pkg, Path xml, Element iface) {
        String name = iface.getAttribute("name");
        String className = camel(name, true);
        List<Request> requests = requests(iface);
        boolean fds = requests.stream().anyMatch(Request::hasFds);
        boolean newObjects = requests.stream().flatMap(r -> r.args().stream())
                .anyMatch(a -> a.type().equals("new_id") && a.iface() == null);

        StringBuilder s = new StringBuilder();
        s.append("// Generated by WaylandScanner from ").append(xml.getFileName()).append(". Do not edit.\n");
        s.append("package ").append(pkg).append(";\n\n");
        if (fds) {
            s.append("import io.shmward.os.Fd;\n");
        }
        s.append("import io.shmward.protocol.wire.ArgReader;\n");
        s.append("import io.shmward.protocol.wire.InterfaceType;\n");
        if (newObjects) {
            s.append("import io.shmward.protocol.wire.NewObject;\n");
        }
        s.append("import io.shmward.protocol.wire.WaylandRequest;\n\n");
        Element description = child(iface, "description");
        javadoc(s, "", "{@code " + name + "} version " + iface.getAttribute("version") + ": "
                + summary(description), text(description), List.of());
        s.append("public final class ").append(className).append(" {\n");
        s.append("    public static final String NAME = \"").append(name).append("\";\n");
        s.append("    public static final int VERSION = ").append(iface.getAttribute("version")).append(";\n");
        s.append("    public static final InterfaceType<Request> TYPE = new InterfaceType<>(NAME, Request.class, ")
                .append(className).append("::decode);\n\n");
        if (requests.isEmpty()) {
            s.append("    /** {@code ").append(name).append("} has no requests: nothing implements this, and no request decodes. */\n");
            s.append("    public interface Request extends WaylandRequest {\n    }\n\n");
        } else {
            s.append("    /** The requests of {@code ").append(name).append("}; a switch over them needs no default. */\n");
            s.append("    public sealed interface Request extends WaylandRequest {\n    }\n\n");
        }
        for (Request r : requests) {
            List<String> params = new ArrayList<>();
            for (Arg a : r.args()) {
                params.add("@param " + a.field() + " " + a.describe());
            }
            String head = "{@code " + name + "." + r.name() + "}" + (r.since() > 1 ? " (since version " + r.since() + ")" : "")
                    + (r.destructor() ? ", a destructor" : "") + ": " + r.summary();
            javadoc(s, "    ", head, r.description(), params);
            s.append("    public record ").append(r.record()).append("(");
            for (int i = 0; i < r.args().size(); i++) {
                Arg a = r.args().get(i);
                s.append(i > 0 ? ", " : "").append(a.javaType()).append(' ').append(a.field());
            }
            s.append(") implements Request {\n");
            s.append("        public static final int OPCODE = ").append(r.opcode()).append(";\n");
            s.append("        public static final int SINCE = ").append(r.since()).append(";\n");
            s.append("    }\n\n");
        }
        s.append("    /** Reads the arguments of request {@code opcode}, which the caller checked exists. */\n");
        s.append("    private static Request decode(int opcode, ArgReader in) {\n");
        if (requests.isEmpty()) {
            s.append("        throw new IllegalArgumentException(NAME + \" has no request \" + opcode);\n");
        } else {
            s.append("        return switch (opcode) {\n");
            for (Request r : requests) {
                s.append("            case ").append(r.record()).append(".OPCODE -> ");
                if (!r.hasFds()) {
                    s.append("new ").append(r.record()).append("(");
                    for (int i = 0; i < r.args().size(); i++) {
                        s.append(i > 0 ? ", " : "").append(r.args().get(i).read());
                    }
                    s.append(");\n");
                    continue;
                }
                // Bytes first, fds only once the message is known whole: fds leave the queue only for a
                // message that decoded.
                s.append("{\n");
                for (Arg a : r.args()) {
                    if (!a.isFd()) {
                        s.append("                ").append(a.javaType()).append(' ').append(a.field())
                                .append(" = ").append(a.read()).append(";\n");
                    }
                }
                s.append("                yield in.complete() ? new ").append(r.record()).append("(");
                for (int i = 0; i < r.args().size(); i++) {
                    Arg a = r.args().get(i);
                    s.append(i > 0 ? ", " : "").append(a.isFd() ? a.read() : a.field());
                }
                s.append(") : null;\n            }\n");
            }
            s.append("            default -> throw new IllegalArgumentException(NAME + \" has no request \" + opcode);\n");
            s.append("        };\n");
        }
        s.append("    }\n\n");
        s.append("    private ").append(className).append("() {\n    }\n}\n");
        return s.toString();
    }

    private static String indexSource(String pkg, Path xml, List<String> classes) {
        StringBuilder s = new StringBuilder();
        s.append("// Generated by WaylandScanner from ").append(xml.getFileName()).append(". Do not edit.\n");
        s.append("package ").append(pkg).append(";\n\n");
        s.append("import io.shmward.protocol.wire.InterfaceType;\n");
        s.append("import java.util.List;\n\n");
        s.append("/** Every interface of {@code ").append(xml.getFileName()).append("}, in the file's order. */\n");
        s.append("public final class Interfaces {\n");
        s.append("    public static final List<InterfaceType<?>> ALL = List.of(");
        for (int i = 0; i < classes.size(); i++) {
            s.append(i > 0 ? "," : "").append("\n            ").append(classes.get(i)).append(".TYPE");
        }
        s.append(");\n\n    private Interfaces() {\n    }\n}\n");
        return s.toString();
    }

    private static List<Request> requests(Element iface) {
        List<Request> requests = new ArrayList<>();
        for (Element r : children(iface, "request")) {
            List<Arg> args = new ArrayList<>();
            for (Element a : children(r, "arg")) {
                args.add(new Arg(a.getAttribute("name"), a.getAttribute("type"), emptyToNull(a.getAttribute("interface")),
                        "true".equals(a.getAttribute("allow-null")), emptyToNull(a.getAttribute("enum")),
                        a.getAttribute("summary")));
            }
            String since = r.getAttribute("since");
            Element description = child(r, "description");
            Request request = new Request(r.getAttribute("name"), requests.size(),
                    since.isEmpty() ? 1 : Integer.parseInt(since), "destructor".equals(r.getAttribute("type")),
                    summary(description), text(description), args);
            if (RESERVED.contains(request.record())
                    || args.stream().anyMatch(a -> RESERVED.contains(a.field()))) {
                throw new IllegalArgumentException(iface.getAttribute("name") + "." + request.name()
                        + " uses a name the generated code needs: rename in WaylandScanner.RESERVED's users");
            }
            requests.add(request);
        }
        return requests;
    }

    /** A Javadoc block: the head line, the description's paragraphs, then {@code tags}. */
    private static void javadoc(StringBuilder s, String indent, String head, String body, List<String> tags) {
        s.append(indent).append("/**\n").append(indent).append(" * ").append(escape(head)).append("\n");
        for (String paragraph : body.split("\\n\\s*\\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            s.append(indent).append(" *\n").append(indent).append(" * <p>");
            boolean first = true;
            for (String line : paragraph.strip().split("\\n")) {
                if (!first) {
                    s.append(indent).append(" * ");
                }
                s.append(escape(line.strip())).append("\n");
                first = false;
            }
        }
        if (!tags.isEmpty()) {
            s.append(indent).append(" *\n");
            for (String tag : tags) {
                s.append(indent).append(" * ").append(escape(tag)).append("\n");
            }
        }
        s.append(indent).append(" */\n");
    }

    /** XML text as Javadoc: HTML escaped, no comment end, no unicode escape, no line-leading tag. */
    private static String escape(String text) {
        String s = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("*/", "*&#47;").replace("\\", "&#92;");
        return s.startsWith("@") && !s.startsWith("@param ") ? "{@literal @}" + s.substring(1) : s;
    }

    private static String summary(Element description) {
        return description == null ? "" : description.getAttribute("summary");
    }

    private static String text(Element description) {
        return description == null ? "" : description.getTextContent();
    }

    private static Element child(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? null : found.getFirst();
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    /** {@code create_buffer} as {@code CreateBuffer} (upper) or {@code createBuffer}. */
    private static String camel(String snake, boolean upper) {
        StringBuilder sb = new StringBuilder();
        boolean up = upper;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private static String javaName(String name) {
        return JAVA_KEYWORDS.contains(name) ? name + "_" : name;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static void writeIfChanged(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.write(file, bytes);
    }
}
