package io.kubechat.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs a resource health script the way Argo CD does: the live object, converted from JSON to a Lua
 * table, is the global {@code obj}; the script returns a table with {@code status} and {@code message}.
 */
final class ArgoHealthCheck {

    static final Path SCRIPT = Path.of("argocd", "health-commandexecution.lua");

    record Health(String status, String message) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String script;

    ArgoHealthCheck(Path script) {
        try {
            this.script = Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Health evaluate(String objectJson) {
        try {
            Globals globals = JsePlatform.standardGlobals();
            globals.set("obj", toLua(JSON.readTree(objectJson)));
            LuaValue result = globals.load(script, "health.lua").call();
            return new Health(result.get("status").optjstring(null), result.get("message").optjstring(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As Argo CD's conversion of an unstructured object: maps become tables, lists 1-based tables. */
    static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                table.set(field.getKey(), toLua(field.getValue()));
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            long value = node.longValue();
            return value == (int) value ? LuaValue.valueOf((int) value) : LuaValue.valueOf((double) value);
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        return LuaValue.valueOf(node.asText());
    }
}
