package dev.hiveauth.pksa.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.json.JsonWriter;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON the way the reference PKSA writes its storage file ({@code JSON.stringify(storage, null, '\t')}):
 * one member per line, tab indents, {@code "key": value}, empty containers as {@code []} and {@code {}}, so
 * that an operator switching between the two sees the same file.
 */
final class JsonText {
    private JsonText() {
    }

    static String pretty(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, 0, out);
        return out.toString();
    }

    private static void write(JsonNode node, int depth, StringBuilder out) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                indent(depth + 1, out);
                out.append(new JsonWriter().value(field.getKey())).append(": ");
                write(field.getValue(), depth + 1, out);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            indent(depth, out);
            out.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(depth + 1, out);
                write(node.get(i), depth + 1, out);
                out.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            indent(depth, out);
            out.append(']');
        } else {
            out.append(new JsonWriter().value(node));
        }
    }

    private static void indent(int depth, StringBuilder out) {
        out.append("\t".repeat(depth));
    }
}
