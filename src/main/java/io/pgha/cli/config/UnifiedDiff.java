package io.pgha.cli.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code difflib.unified_diff(a, b)} with its defaults (no file names, 3 lines of context), on
 * lines without their newline. The matching follows {@code SequenceMatcher} (longest matching block
 * first, then recursively left and right of it, lines occurring in more than 1% of a 200+ line text
 * ignored as anchors), so the hunks are the ones patronictl prints, not those of a minimal-edit diff.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff lines, starting with {@code "--- "} and {@code "+++ "}; empty when the texts are equal. */
    public static List<String> of(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>();
        for (List<Opcode> group : groupedOpcodes(new Matcher(a, b).opcodes())) {
            if (out.isEmpty()) {
                out.add("--- ");
                out.add("+++ ");
            }
            Opcode first = group.get(0);
            Opcode last = group.get(group.size() - 1);
            out.add("@@ -" + range(first.i1, last.i2) + " +" + range(first.j1, last.j2) + " @@");
            for (Opcode op : group) {
                if (op.tag == Tag.EQUAL) {
                    a.subList(op.i1, op.i2).forEach(line -> out.add(" " + line));
                    continue;
                }
                if (op.tag == Tag.REPLACE || op.tag == Tag.DELETE) {
                    a.subList(op.i1, op.i2).forEach(line -> out.add("-" + line));
                }
                if (op.tag == Tag.REPLACE || op.tag == Tag.INSERT) {
                    b.subList(op.j1, op.j2).forEach(line -> out.add("+" + line));
                }
            }
        }
        return out;
    }

    /** Lines of a text as patronictl splits it: trailing newlines dropped, then split on each newline. */
    public static List<String> lines(String text) {
        String trimmed = text.replaceAll("\n+$", "");
        return List.of(trimmed.split("\n", -1));
    }

    private static String range(int start, int stop) {
        int beginning = start + 1;
        int length = stop - start;
        if (length == 1) {
            return Integer.toString(beginning);
        }
        if (length == 0) {
            beginning--;
        }
        return beginning + "," + length;
    }

    enum Tag { EQUAL, REPLACE, DELETE, INSERT }

    record Opcode(Tag tag, int i1, int i2, int j1, int j2) {
    }

    private record Block(int i, int j, int size) {
    }

    static List<List<Opcode>> groupedOpcodes(List<Opcode> opcodes) {
        List<Opcode> codes = new ArrayList<>(opcodes);
        if (codes.isEmpty()) {
            codes.add(new Opcode(Tag.EQUAL, 0, 1, 0, 1));
        }
        Opcode head = codes.get(0);
        if (head.tag == Tag.EQUAL) {
            codes.set(0, new Opcode(Tag.EQUAL, Math.max(head.i1, head.i2 - CONTEXT), head.i2,
                    Math.max(head.j1, head.j2 - CONTEXT), head.j2));
        }
        Opcode tail = codes.get(codes.size() - 1);
        if (tail.tag == Tag.EQUAL) {
            codes.set(codes.size() - 1, new Opcode(Tag.EQUAL, tail.i1, Math.min(tail.i2, tail.i1 + CONTEXT),
                    tail.j1, Math.min(tail.j2, tail.j1 + CONTEXT)));
        }
        List<List<Opcode>> groups = new ArrayList<>();
        List<Opcode> group = new ArrayList<>();
        for (Opcode op : codes) {
            int i1 = op.i1;
            int j1 = op.j1;
            if (op.tag == Tag.EQUAL && op.i2 - i1 > 2 * CONTEXT) {
                group.add(new Opcode(Tag.EQUAL, i1, Math.min(op.i2, i1 + CONTEXT), j1, Math.min(op.j2, j1 + CONTEXT)));
                groups.add(group);
                group = new ArrayList<>();
                i1 = Math.max(i1, op.i2 - CONTEXT);
                j1 = Math.max(j1, op.j2 - CONTEXT);
            }
            group.add(new Opcode(op.tag, i1, op.i2, j1, op.j2));
        }
        if (!group.isEmpty() && !(group.size() == 1 && group.get(0).tag == Tag.EQUAL)) {
            groups.add(group);
        }
        return groups;
    }

    /** SequenceMatcher without a junk function, with its automatic "popular line" rule. */
    static final class Matcher {
        private final List<String> a;
        private final List<String> b;
        private final Map<String, List<Integer>> b2j = new HashMap<>();

        Matcher(List<String> a, List<String> b) {
            this.a = a;
            this.b = b;
            for (int j = 0; j < b.size(); j++) {
                b2j.computeIfAbsent(b.get(j), k -> new ArrayList<>()).add(j);
            }
            if (b.size() >= 200) {
                int limit = b.size() / 100 + 1;
                b2j.values().removeIf(indices -> indices.size() > limit);
            }
        }

        private Block longestMatch(int alo, int ahi, int blo, int bhi) {
            int besti = alo;
            int bestj = blo;
            int bestsize = 0;
            Map<Integer, Integer> j2len = new HashMap<>();
            for (int i = alo; i < ahi; i++) {
                Map<Integer, Integer> next = new HashMap<>();
                for (int j : b2j.getOrDefault(a.get(i), List.of())) {
                    if (j < blo) {
                        continue;
                    }
                    if (j >= bhi) {
                        break;
                    }
                    int k = j2len.getOrDefault(j - 1, 0) + 1;
                    next.put(j, k);
                    if (k > bestsize) {
                        besti = i - k + 1;
                        bestj = j - k + 1;
                        bestsize = k;
                    }
                }
                j2len = next;
            }
            // popular lines are no anchors, but they still extend a match on either side
            while (besti > alo && bestj > blo && a.get(besti - 1).equals(b.get(bestj - 1))) {
                besti--;
                bestj--;
                bestsize++;
            }
            while (besti + bestsize < ahi && bestj + bestsize < bhi
                    && a.get(besti + bestsize).equals(b.get(bestj + bestsize))) {
                bestsize++;
            }
            return new Block(besti, bestj, bestsize);
        }

        private List<Block> matchingBlocks() {
            List<Block> blocks = new ArrayList<>();
            List<int[]> queue = new ArrayList<>();
            queue.add(new int[] {0, a.size(), 0, b.size()});
            while (!queue.isEmpty()) {
                int[] q = queue.remove(queue.size() - 1);
                Block m = longestMatch(q[0], q[1], q[2], q[3]);
                if (m.size > 0) {
                    blocks.add(m);
                    if (q[0] < m.i && q[2] < m.j) {
                        queue.add(new int[] {q[0], m.i, q[2], m.j});
                    }
                    if (m.i + m.size < q[1] && m.j + m.size < q[3]) {
                        queue.add(new int[] {m.i + m.size, q[1], m.j + m.size, q[3]});
                    }
                }
            }
            blocks.sort((x, y) -> x.i != y.i ? Integer.compare(x.i, y.i) : Integer.compare(x.j, y.j));
            List<Block> merged = new ArrayList<>();
            int i1 = 0;
            int j1 = 0;
            int k1 = 0;
            for (Block block : blocks) {
                if (i1 + k1 == block.i && j1 + k1 == block.j) {
                    k1 += block.size;
                } else {
                    if (k1 > 0) {
                        merged.add(new Block(i1, j1, k1));
                    }
                    i1 = block.i;
                    j1 = block.j;
                    k1 = block.size;
                }
            }
            if (k1 > 0) {
                merged.add(new Block(i1, j1, k1));
            }
            merged.add(new Block(a.size(), b.size(), 0));
            return merged;
        }

        List<Opcode> opcodes() {
            List<Opcode> answer = new ArrayList<>();
            int i = 0;
            int j = 0;
            for (Block block : matchingBlocks()) {
                Tag tag = null;
                if (i < block.i && j < block.j) {
                    tag = Tag.REPLACE;
                } else if (i < block.i) {
                    tag = Tag.DELETE;
                } else if (j < block.j) {
                    tag = Tag.INSERT;
                }
                if (tag != null) {
                    answer.add(new Opcode(tag, i, block.i, j, block.j));
                }
                i = block.i + block.size;
                j = block.j + block.size;
                if (block.size > 0) {
                    answer.add(new Opcode(Tag.EQUAL, block.i, i, block.j, j));
                }
            }
            return answer;
        }
    }
}
