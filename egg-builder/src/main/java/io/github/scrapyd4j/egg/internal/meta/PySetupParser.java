package io.github.scrapyd4j.egg.internal.meta;

import io.github.scrapyd4j.egg.internal.meta.PyLexer.Token;
import io.github.scrapyd4j.egg.internal.meta.PyLexer.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code setup(...)} call of a {@code setup.py} without running it: the keyword
 * arguments that are literals (strings, concatenated strings, numbers, lists, tuples, dicts,
 * {@code True}/{@code False}/{@code None}), calls such as {@code find_packages(exclude=[...])},
 * and names assigned once at the module's top level to such a value. Everything else becomes a
 * {@link PyValue.Unknown} or an unresolved {@link PyValue.Name} that the caller reports.
 */
final class PySetupParser {
  private static final Set<String> STOP = Set.of(",", ")", "]", "}", ":", "=");
  private static final int MAX_DEPTH = 50;

  private final List<Token> tokens;
  /** Top-level names assigned once: where their value starts. */
  private final Map<String, Integer> assignedOnce = new HashMap<>();
  /** Names assigned several times, in a block, or with an augmented assignment: not resolved. */
  private final Set<String> ambiguous = new HashSet<>();
  private final Set<String> resolving = new HashSet<>();
  private int pos;
  private int depth;

  /** What was read. */
  static final class Result {
    /** The line of the setup( call, 0 when there is none. */
    int line;
    /** The keyword arguments, in order. */
    final LinkedHashMap<String, PyValue> kwargs = new LinkedHashMap<>();
    /** What could not be read at all ({@code **kwargs}, positional arguments). */
    final List<String> problems = new ArrayList<>();
  }

  private PySetupParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Result parse(String source) {
    PySetupParser p = new PySetupParser(PyLexer.tokenize(source));
    p.findAssignments();
    return p.readSetupCall();
  }

  private void findAssignments() {
    Map<String, Integer> count = new HashMap<>();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.type != Type.NAME || !t.lineStart) {
        continue;
      }
      // NAME = value, or NAME, OTHER = value (a tuple target: never resolved)
      Token next = tokens.get(i + 1);
      if (next.type == Type.OP && next.text.equals("=")) {
        count.merge(t.text, 1, Integer::sum);
        if (t.column == 0) {
          assignedOnce.put(t.text, i + 2);
        } else {
          ambiguous.add(t.text);
        }
      } else if (next.type == Type.OP && (next.text.length() == 2 && next.text.endsWith("=")
          && !next.text.equals("==") || next.text.equals("[") || next.text.equals("."))) {
        // NAME += ..., NAME[key] = ..., NAME.update(...): changed by running code
        ambiguous.add(t.text);
      } else if (t.text.equals("for") || t.text.equals("with") || t.text.equals("import")) {
        // for NAME in ..., with ... as NAME, import NAME: the name is bound by running code
        for (int j = i + 1; j < tokens.size() && !tokens.get(j).lineStart; j++) {
          if (tokens.get(j).type == Type.NAME) {
            ambiguous.add(tokens.get(j).text);
          }
        }
      }
    }
    for (Map.Entry<String, Integer> e : count.entrySet()) {
      if (e.getValue() > 1) {
        ambiguous.add(e.getKey());
      }
    }
  }

  private Result readSetupCall() {
    Result r = new Result();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.type != Type.NAME || !t.text.equals("setup") || !tokens.get(i + 1).is("(")) {
        continue;
      }
      Token before = i > 0 ? tokens.get(i - 1) : null;
      if (before != null && (before.is("def") || before.is("."))
          && !(before.is(".") && i > 1 && tokens.get(i - 2).is("setuptools"))) {
        continue;
      }
      r.line = t.line;
      pos = i + 2;
      while (!peek().is(")") && peek().type != Type.END) {
        Token a = peek();
        if (a.is("**") || a.is("*")) {
          next();
          String what = peek().type == Type.NAME && (isStop(tokens.get(pos + 1))
              || tokens.get(pos + 1).lineStart) ? peek().text : null;
          PyValue v = expr();
          if (a.is("**") && v instanceof PyValue.Dict && v.firstUnknown() == null
              && allStringKeys((PyValue.Dict) v)) {
            ((PyValue.Dict) v).entries.forEach((k, val) ->
                r.kwargs.put(((PyValue.Str) k).value, val));
          } else {
            r.problems.add("setup(" + a.text + (what != null ? what : v.describe())
                + ") at line " + a.line + ": arguments built at run time are not read");
          }
        } else if (a.type == Type.NAME && tokens.get(pos + 1).is("=")) {
          pos += 2;
          r.kwargs.put(a.text, expr());
        } else {
          expr();
          r.problems.add("a positional argument of setup() at line " + a.line + " is not read");
        }
        if (peek().is(",")) {
          next();
        } else if (!peek().is(")")) {
          skipToStop();
          if (peek().is(",")) {
            next();
          }
        }
      }
      return r;
    }
    return r;
  }

  private static boolean allStringKeys(PyValue.Dict d) {
    for (PyValue k : d.entries.keySet()) {
      if (!(k instanceof PyValue.Str)) {
        return false;
      }
    }
    return true;
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.type != Type.END) {
      pos++;
    }
    return t;
  }

  /** An expression up to a stop token; anything not understood is skipped as Unknown. */
  private PyValue expr() {
    int start = pos;
    int line = peek().line;
    if (++depth > MAX_DEPTH) {
      depth--;
      skipToStop();
      return new PyValue.Unknown(line, "an expression nested too deep");
    }
    try {
      PyValue v = sum();
      // A token starting a line ends a top-level statement (inside brackets it would be a
      // syntax error, or a comprehension's 'for', which the bracket's reader reports).
      if (isStop(peek()) || peek().lineStart) {
        return v;
      }
      Token odd = peek();
      skipToStop();
      String what = odd.is("for") ? "a comprehension"
          : odd.is("if") ? "a conditional expression"
          : odd.is("%") ? "%-formatting"
          : odd.is("or") || odd.is("and") ? "a boolean expression"
          : "the expression '" + text(start, pos) + "'";
      return new PyValue.Unknown(line, what);
    } finally {
      depth--;
    }
  }

  private PyValue sum() {
    PyValue left = postfix();
    while (peek().is("+")) {
      int line = next().line;
      PyValue right = postfix();
      if (left instanceof PyValue.Str && right instanceof PyValue.Str) {
        left = new PyValue.Str(left.line, ((PyValue.Str) left).value + ((PyValue.Str) right).value);
      } else if (left instanceof PyValue.Seq && right instanceof PyValue.Seq) {
        List<PyValue> items = new ArrayList<>(((PyValue.Seq) left).items);
        items.addAll(((PyValue.Seq) right).items);
        left = new PyValue.Seq(left.line, items);
      } else {
        PyValue unknown = left.firstUnknown() != null ? left.firstUnknown()
            : right.firstUnknown() != null ? right.firstUnknown()
            : new PyValue.Unknown(line, "a sum of values of different types");
        left = unknown;
      }
    }
    return left;
  }

  private PyValue postfix() {
    PyValue v = atom();
    while (peek().is(".") || peek().is("(") || peek().is("[")) {
      Token t = next();
      if (v instanceof PyValue.Unknown) {
        if (t.is(".")) {
          next();
        } else {
          skipGroup(t.text);
        }
      } else if (t.is(".")) {
        Token attr = next();
        v = new PyValue.Unknown(t.line, v instanceof PyValue.Call
            ? ((PyValue.Call) v).name + "(...)." + attr.text
            : "an attribute ." + attr.text);
      } else {
        skipGroup(t.text);
        v = new PyValue.Unknown(t.line, t.is("(") ? v.describe() + "(...)" : "a subscript");
      }
    }
    return v;
  }

  private PyValue atom() {
    Token t = next();
    switch (t.type) {
      case STRING: {
        if (t.formatted) {
          skipStrings();
          return new PyValue.Unknown(t.line, "an f-string");
        }
        StringBuilder s = new StringBuilder(t.text);
        while (peek().type == Type.STRING) {
          Token more = next();
          if (more.formatted) {
            skipStrings();
            return new PyValue.Unknown(t.line, "an f-string");
          }
          s.append(more.text);
        }
        return new PyValue.Str(t.line, s.toString());
      }
      case NUMBER:
        return new PyValue.Const(t.line, t.text);
      case NAME:
        return name(t);
      case OP:
        if (t.is("[")) {
          return sequence(t, "]");
        }
        if (t.is("(")) {
          return parenthesised(t);
        }
        if (t.is("{")) {
          return braces(t);
        }
        if (t.is("-") && peek().type == Type.NUMBER) {
          return new PyValue.Const(t.line, "-" + next().text);
        }
        pos--;
        return new PyValue.Unknown(t.line, "'" + t.text + "'");
      default:
        pos--;
        return new PyValue.Unknown(t.line, "nothing");
    }
  }

  private PyValue name(Token t) {
    switch (t.text) {
      case "True":
      case "False":
      case "None":
        return new PyValue.Const(t.line, t.text);
      case "lambda":
        skipToStop();
        return new PyValue.Unknown(t.line, "a lambda");
      default:
        break;
    }
    StringBuilder dotted = new StringBuilder(t.text);
    while (peek().is(".") && tokens.get(pos + 1).type == Type.NAME) {
      next();
      dotted.append('.').append(next().text);
    }
    String name = dotted.toString();
    if (peek().is("(")) {
      next();
      List<PyValue> args = new ArrayList<>();
      Map<String, PyValue> kwargs = new LinkedHashMap<>();
      while (!peek().is(")") && peek().type != Type.END) {
        Token a = peek();
        if (a.type == Type.NAME && tokens.get(pos + 1).is("=")) {
          pos += 2;
          kwargs.put(a.text, expr());
        } else if (a.is("*") || a.is("**")) {
          next();
          expr();
          args.add(new PyValue.Unknown(a.line, "unpacked arguments"));
        } else {
          args.add(expr());
        }
        if (!accept(",") && !peek().is(")")) {
          skipToStop();
          accept(",");
        }
      }
      accept(")");
      if (name.equals("dict") && args.isEmpty()) {
        LinkedHashMap<PyValue, PyValue> entries = new LinkedHashMap<>();
        kwargs.forEach((k, v) -> entries.put(new PyValue.Str(t.line, k), v));
        return new PyValue.Dict(t.line, entries);
      }
      if ((name.equals("list") || name.equals("tuple")) && args.size() == 1 && kwargs.isEmpty()
          && args.get(0) instanceof PyValue.Seq) {
        return args.get(0);
      }
      if (name.equals("open") || name.endsWith(".open") || name.endsWith("read_text")) {
        return new PyValue.Unknown(t.line, "a file read at run time (" + name + "(...))");
      }
      return new PyValue.Call(t.line, name, args, kwargs);
    }
    return resolve(new PyValue.Name(t.line, name));
  }

  /** A name assigned once at the top level to a value this reader understands is that value. */
  private PyValue resolve(PyValue.Name n) {
    Integer at = assignedOnce.get(n.name);
    if (at == null || ambiguous.contains(n.name) || !resolving.add(n.name)) {
      return n;
    }
    int saved = pos;
    try {
      pos = at;
      PyValue v = expr();
      return v.firstUnknown() == null || v instanceof PyValue.Call ? v : n;
    } finally {
      pos = saved;
      resolving.remove(n.name);
    }
  }

  private PyValue sequence(Token open, String close) {
    List<PyValue> items = new ArrayList<>();
    while (!peek().is(close) && peek().type != Type.END) {
      PyValue item = peek().is("*") ? starred() : expr();
      items.add(item);
      if (!accept(",")) {
        if (!peek().is(close)) {
          skipGroupRest(close);
          return new PyValue.Unknown(open.line, "a comprehension or expression in brackets");
        }
      }
    }
    accept(close);
    return new PyValue.Seq(open.line, items);
  }

  private PyValue starred() {
    Token star = next();
    expr();
    return new PyValue.Unknown(star.line, "an unpacked (*) value");
  }

  private PyValue parenthesised(Token open) {
    if (accept(")")) {
      return new PyValue.Seq(open.line, new ArrayList<>());
    }
    PyValue first = expr();
    if (accept(")")) {
      return first;
    }
    if (!accept(",")) {
      skipGroupRest(")");
      return new PyValue.Unknown(open.line, "an expression in parentheses");
    }
    List<PyValue> items = new ArrayList<>();
    items.add(first);
    while (!peek().is(")") && peek().type != Type.END) {
      items.add(expr());
      if (!accept(",") && !peek().is(")")) {
        skipGroupRest(")");
        return new PyValue.Unknown(open.line, "an expression in parentheses");
      }
    }
    accept(")");
    return new PyValue.Seq(open.line, items);
  }

  private PyValue braces(Token open) {
    if (accept("}")) {
      return new PyValue.Dict(open.line, new LinkedHashMap<>());
    }
    if (peek().is("**")) {
      skipGroupRest("}");
      return new PyValue.Unknown(open.line, "a dict merged with **");
    }
    PyValue first = expr();
    if (!accept(":")) {
      // a set display
      List<PyValue> items = new ArrayList<>();
      items.add(first);
      while (accept(",") && !peek().is("}")) {
        items.add(expr());
      }
      if (!accept("}")) {
        skipGroupRest("}");
        return new PyValue.Unknown(open.line, "a set comprehension");
      }
      return new PyValue.Seq(open.line, items);
    }
    LinkedHashMap<PyValue, PyValue> entries = new LinkedHashMap<>();
    PyValue key = first;
    while (true) {
      PyValue value = expr();
      entries.put(key, value);
      if (!accept(",")) {
        break;
      }
      if (peek().is("}")) {
        break;
      }
      if (peek().is("**")) {
        skipGroupRest("}");
        return new PyValue.Unknown(open.line, "a dict merged with **");
      }
      key = expr();
      if (!accept(":")) {
        skipGroupRest("}");
        return new PyValue.Unknown(open.line, "a dict display not read");
      }
    }
    if (!accept("}")) {
      skipGroupRest("}");
      return new PyValue.Unknown(open.line, "a dict comprehension");
    }
    return new PyValue.Dict(open.line, entries);
  }

  private boolean accept(String op) {
    if (peek().is(op) && peek().type == Type.OP) {
      pos++;
      return true;
    }
    return false;
  }

  private static boolean isStop(Token t) {
    return t.type == Type.END || t.type == Type.OP && STOP.contains(t.text);
  }

  private void skipStrings() {
    while (peek().type == Type.STRING) {
      next();
    }
  }

  /** Skips to the next stop token at this bracket depth. */
  private void skipToStop() {
    while (!isStop(peek())) {
      Token t = next();
      if (t.is("(") || t.is("[") || t.is("{")) {
        skipGroup(t.text);
      }
    }
  }

  /** Skips past the bracket that closes one just opened. */
  private void skipGroup(String open) {
    skipGroupRest(open.equals("(") ? ")" : open.equals("[") ? "]" : "}");
  }

  private void skipGroupRest(String close) {
    while (peek().type != Type.END) {
      Token t = next();
      if (t.type == Type.OP && t.text.equals(close)) {
        return;
      }
      if (t.is("(") || t.is("[") || t.is("{")) {
        skipGroup(t.text);
      }
    }
  }

  private String text(int from, int to) {
    StringBuilder s = new StringBuilder();
    for (int i = from; i < to && i < tokens.size(); i++) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(tokens.get(i));
      if (s.length() > 60) {
        return s.substring(0, 60) + "...";
      }
    }
    return s.toString();
  }
}
