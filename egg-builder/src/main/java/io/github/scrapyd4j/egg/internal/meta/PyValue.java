package io.github.scrapyd4j.egg.internal.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A value read from Python source without running it: a literal, a call, or what is unknown. */
abstract class PyValue {
  final int line;

  PyValue(int line) {
    this.line = line;
  }

  /** A string (adjacent literals and {@code +} joined). */
  static final class Str extends PyValue {
    final String value;

    Str(int line, String value) {
      super(line);
      this.value = value;
    }
  }

  /** A number, True, False or None, as written. */
  static final class Const extends PyValue {
    final String text;

    Const(int line, String text) {
      super(line);
      this.text = text;
    }
  }

  /** A list, tuple or set. */
  static final class Seq extends PyValue {
    final List<PyValue> items;

    Seq(int line, List<PyValue> items) {
      super(line);
      this.items = items;
    }
  }

  /** A dict display or {@code dict(k=v)}. */
  static final class Dict extends PyValue {
    final LinkedHashMap<PyValue, PyValue> entries;

    Dict(int line, LinkedHashMap<PyValue, PyValue> entries) {
      super(line);
      this.entries = entries;
    }
  }

  /** A call of a (dotted) name with literal-or-unknown arguments. */
  static final class Call extends PyValue {
    final String name;
    final List<PyValue> args;
    final Map<String, PyValue> kwargs;

    Call(int line, String name, List<PyValue> args, Map<String, PyValue> kwargs) {
      super(line);
      this.name = name;
      this.args = args;
      this.kwargs = kwargs;
    }

    /** The argument given by position or keyword, or null. */
    PyValue arg(int position, String keyword) {
      PyValue v = kwargs.get(keyword);
      return v != null ? v : position < args.size() ? args.get(position) : null;
    }

    String simpleName() {
      return name.substring(name.lastIndexOf('.') + 1);
    }
  }

  /** A name that is not resolved to a value. */
  static final class Name extends PyValue {
    final String name;

    Name(int line, String name) {
      super(line);
      this.name = name;
    }
  }

  /** Anything else: an expression that only running Python would evaluate. */
  static final class Unknown extends PyValue {
    /** What it is, in a few words ("a list comprehension", "open(...)"). */
    final String what;

    Unknown(int line, String what) {
      super(line);
      this.what = what;
    }
  }

  /** The first part of this value that is not a literal, or null when it is all literal. */
  PyValue firstUnknown() {
    if (this instanceof Unknown || this instanceof Name) {
      return this;
    }
    if (this instanceof Seq) {
      for (PyValue v : ((Seq) this).items) {
        PyValue u = v.firstUnknown();
        if (u != null) {
          return u;
        }
      }
    }
    if (this instanceof Dict) {
      for (Map.Entry<PyValue, PyValue> e : ((Dict) this).entries.entrySet()) {
        PyValue u = e.getKey().firstUnknown();
        if (u == null) {
          u = e.getValue().firstUnknown();
        }
        if (u != null) {
          return u;
        }
      }
    }
    return null;
  }

  /** How an unknown value is described in a warning. */
  String describe() {
    if (this instanceof Name) {
      return "the variable " + ((Name) this).name;
    }
    if (this instanceof Unknown) {
      return ((Unknown) this).what;
    }
    if (this instanceof Call) {
      return ((Call) this).name + "(...)";
    }
    return "a value";
  }

  /** Strings of a string or a sequence of strings, or null if it is anything else. */
  static List<String> strings(PyValue v) {
    if (v instanceof Str) {
      return List.of(((Str) v).value);
    }
    if (!(v instanceof Seq)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (PyValue item : ((Seq) v).items) {
      if (!(item instanceof Str)) {
        return null;
      }
      out.add(((Str) item).value);
    }
    return out;
  }
}
