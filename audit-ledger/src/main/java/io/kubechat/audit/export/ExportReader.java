package io.kubechat.audit.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an export in any of its formats, told apart by content rather than by file name. */
public final class ExportReader {

    private ExportReader() {
    }

    public static ExportBundle read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (startsWith(bytes, "%PDF")) {
            return PdfFormat.read(bytes);
        }
        if (startsWith(bytes, "{")) {
            return JsonlFormat.read(new ByteArrayInputStream(bytes));
        }
        if (startsWith(bytes, "kind,")) {
            return CsvFormat.read(new ByteArrayInputStream(bytes));
        }
        throw new IllegalArgumentException(file + " is not a JSON lines, CSV or PDF audit export");
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (bytes[i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
