package io.github.scrapyd4j.egg.internal.meta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code MANIFEST.in} as setuptools' {@code egg_info} applies it: {@code include}, {@code
 * exclude}, {@code recursive-include}, {@code recursive-exclude}, {@code global-include}, {@code
 * global-exclude}, {@code graft} and {@code prune}, in order, over the project's files.
 */
final class Manifest {
  private Manifest() {}

  static Set<String> apply(String text, Collection<String> all, List<String> warnings) {
    Set<String> files = new LinkedHashSet<>();
    String joined = text.replaceAll("\\\\\r?\n", " ");
    int lineNo = 0;
    for (String raw : joined.split("\r?\n|\r")) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> words = new ArrayList<>(Arrays.asList(line.split("\\s+")));
      String action = words.remove(0);
      switch (action) {
        case "include":
          for (String p : words) {
            files.addAll(matching(all, Patterns.glob(p)));
          }
          break;
        case "exclude":
          for (String p : words) {
            files.removeAll(matching(files, Patterns.manifest(p)));
          }
          break;
        case "global-include":
          for (String p : words) {
            files.addAll(matching(all, Patterns.manifest("**/" + p)));
          }
          break;
        case "global-exclude":
          for (String p : words) {
            files.removeAll(matching(files, Patterns.manifest("**/" + p)));
          }
          break;
        case "recursive-include":
          if (words.size() < 2) {
            warnings.add("MANIFEST.in line " + lineNo + ": '" + line + "' needs a folder and a"
                + " pattern; skipped (setuptools refuses it)");
            break;
          }
          for (String p : words.subList(1, words.size())) {
            files.addAll(matching(all, Patterns.glob(words.get(0) + "/**/" + p)));
          }
          break;
        case "recursive-exclude":
          if (words.size() < 2) {
            break;
          }
          for (String p : words.subList(1, words.size())) {
            files.removeAll(matching(files, Patterns.manifest(words.get(0) + "/**/" + p)));
          }
          break;
        case "graft":
          for (String d : words) {
            files.addAll(matching(all, Patterns.manifest(d + "/**")));
          }
          break;
        case "prune":
          for (String d : words) {
            files.removeAll(matching(files, Patterns.manifest(d + "/**")));
          }
          break;
        default:
          warnings.add("MANIFEST.in line " + lineNo + ": unknown command '" + action
              + "'; skipped (setuptools refuses it)");
      }
    }
    return files;
  }

  private static List<String> matching(Collection<String> paths, Pattern p) {
    List<String> out = new ArrayList<>();
    for (String path : paths) {
      if (p.matcher(path).matches()) {
        out.add(path);
      }
    }
    return out;
  }
}
