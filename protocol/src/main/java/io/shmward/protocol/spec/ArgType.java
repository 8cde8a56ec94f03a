package io.shmward.protocol.spec;

/** The argument types of the wire format, as the XML {@code type} attribute names them. */
public enum ArgType {
    INT("int"), UINT("uint"), FIXED("fixed"), STRING("string"), OBJECT("object"), NEW_ID("new_id"),
    ARRAY("array"), FD("fd");

    private final String xmlName;

    ArgType(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }

    static ArgType fromXml(String name) {
        for (ArgType t : values()) {
            if (t.xmlName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown argument type '" + name + "'");
    }
}
