package io.kubechat.kubectl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints rows as kubectl does: upper-case headings, columns padded to their widest cell. */
final class Table {

    private final List<String> headings;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> headings) {
        this.headings = headings;
    }

    Table row(List<String> cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintWriter out) {
        int columns = headings.size();
        int[] widths = new int[columns];
        List<List<String>> all = new ArrayList<>();
        all.add(headings.stream().map(h -> h.toUpperCase(java.util.Locale.ROOT)).toList());
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], cell(row, i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = cell(row, i);
                line.append(cell);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - cell.length() + 3));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static String cell(List<String> row, int i) {
        String value = i < row.size() ? row.get(i) : null;
        return value == null ? "" : value.replace('\n', ' ');
    }
}
