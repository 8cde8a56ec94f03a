package io.shmward.protocol.spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads one Wayland protocol XML document into {@link InterfaceSpec}s. */
final class ProtocolXmlReader {
    private ProtocolXmlReader() {
    }

    static List<InterfaceSpec> read(InputStream xml) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(xml);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("malformed protocol XML: " + e.getMessage(), e);
        }
        List<InterfaceSpec> result = new ArrayList<>();
        for (Element iface : children(doc.getDocumentElement(), "interface")) {
            result.add(readInterface(iface));
        }
        return result;
    }

    private static InterfaceSpec readInterface(Element iface) {
        String name = iface.getAttribute("name");
        int version = Integer.parseInt(iface.getAttribute("version"));
        List<MessageSpec> requests = readMessages(name, children(iface, "request"));
        List<MessageSpec> events = readMessages(name, children(iface, "event"));
        Map<String, EnumSpec> enums = new LinkedHashMap<>();
        for (Element e : children(iface, "enum")) {
            Map<String, Long> entries = new LinkedHashMap<>();
            for (Element entry : children(e, "entry")) {
                entries.put(entry.getAttribute("name"), Long.decode(entry.getAttribute("value")));
            }
            String enumName = e.getAttribute("name");
            enums.put(enumName, new EnumSpec(name, enumName, "true".equals(e.getAttribute("bitfield")), entries));
        }
        return new InterfaceSpec(name, version, requests, events, enums);
    }

    private static List<MessageSpec> readMessages(String iface, List<Element> elements) {
        List<MessageSpec> messages = new ArrayList<>();
        for (Element m : elements) {
            List<ArgSpec> args = new ArrayList<>();
            for (Element a : children(m, "arg")) {
                args.add(new ArgSpec(a.getAttribute("name"), ArgType.fromXml(a.getAttribute("type")),
                        emptyToNull(a.getAttribute("interface")), "true".equals(a.getAttribute("allow-null")),
                        emptyToNull(a.getAttribute("enum"))));
            }
            String since = m.getAttribute("since");
            messages.add(new MessageSpec(iface, m.getAttribute("name"), messages.size(),
                    since.isEmpty() ? 1 : Integer.parseInt(since), "destructor".equals(m.getAttribute("type")), args));
        }
        return messages;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
