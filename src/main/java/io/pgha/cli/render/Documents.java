package io.pgha.cli.render;

import io.pgha.text.PyJson;
import io.pgha.text.PyText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Table rows as the list of objects json and yaml print. */
final class Documents {
    private Documents() {
    }

    static List<Map<String, Object>> of(Table table) {
        List<String> headers = table.headers();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            Map<String, Object> document = new LinkedHashMap<>();
            for (int i = 0; i < headers.size(); i++) {
                Object value = row.get(i);
                if (!table.blankFieldsOmitted() || !PyText.str(value).isEmpty()) {
                    document.put(headers.get(i), value);
                }
            }
            documents.add(document);
        }
        return documents;
    }
}
