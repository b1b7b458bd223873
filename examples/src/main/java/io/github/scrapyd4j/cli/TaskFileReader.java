package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.alerts.AlertKind;
import io.github.scrapyd4j.model.Signal;
import io.github.scrapyd4j.tasks.CrawlTask;
import io.github.scrapyd4j.tasks.Trigger;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a task file, YAML or JSON (by its extension: {@code .json} is JSON, anything else YAML,
 * which also reads JSON), and checks it whole: every problem is reported with its file, line and
 * field ({@code tasks.yaml:12: tasks[0].cron: ...}), in one {@link TaskFileException}, before
 * anything is scheduled. {@code ${NAME}} in a node's url, username or password and in a webhook's
 * url is replaced by the environment variable NAME, so that secrets need not sit in the file.
 */
final class TaskFileReader {
  /** A task file is a configuration file: anything larger is a mistake. */
  static final int MAX_BYTES = 1 << 20;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Set<String> TOP = Set.of("nodes", "tasks", "webhooks", "placement");
  private static final Set<String> NODE = Set.of("id", "url", "username", "password", "tags",
      "capacity");
  private static final Set<String> WEBHOOK = Set.of("id", "url", "format", "on");
  private static final Set<String> TASK = Set.of("id", "project", "spider", "args", "settings",
      "version", "cron", "timezone", "every", "delay", "at", "misfire", "node", "tags", "overlap",
      "time-limit", "kill-after", "retries", "rules");
  private static final Set<String> RULE = Set.of("name", "errors", "criticals", "warnings",
      "no-progress", "run-time", "action", "signal");
  static final List<String> PLACEMENTS = List.of("least-loaded", "round-robin", "random");
  static final List<String> OVERLAPS = List.of("skip", "allow", "cancel-previous");
  static final List<String> MISFIRES = List.of("skip", "run-once");
  static final List<String> FORMATS = List.of("json", "slack");

  private final Map<String, String> environment;
  private final List<String> problems = new ArrayList<>();
  private Path file;

  TaskFileReader(Map<String, String> environment) {
    this.environment = environment;
  }

  /**
   * Reads and checks a task file.
   *
   * @throws TaskFileException listing every problem found
   */
  TaskFile read(Path path) {
    this.file = path;
    problems.clear();
    byte[] bytes;
    try {
      if (Files.isDirectory(path)) {
        throw new TaskFileException(List.of(path + ": is a folder, not a task file"));
      }
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
    } catch (NoSuchFileException e) {
      throw new TaskFileException(List.of(path + ": no such file"));
    } catch (IOException e) {
      throw new TaskFileException(List.of(path + ": cannot be read: " + e.getMessage()));
    }
    if (bytes.length > MAX_BYTES) {
      throw new TaskFileException(List.of(path + ": larger than " + MAX_BYTES / 1024
          + " KiB; a task file is a configuration file"));
    }
    Value root = parse(bytes);
    TaskFile result = check(root);
    if (!problems.isEmpty()) {
      throw new TaskFileException(problems);
    }
    return result;
  }

  // ---- parsing: a tree of values, each with its line ----

  /** A value of the file: a Map, a List, a String, a Number, a Boolean, or null; and its line. */
  static final class Value {
    final Object value;
    final int line;
    final String path;

    Value(Object value, int line, String path) {
      this.value = value;
      this.line = line;
      this.path = path;
    }

    @SuppressWarnings("unchecked")
    Map<String, Value> map() {
      return (Map<String, Value>) value;
    }

    @SuppressWarnings("unchecked")
    List<Value> list() {
      return (List<Value>) value;
    }

    boolean isScalar() {
      return value != null && !(value instanceof Map) && !(value instanceof List);
    }
  }

  private Value parse(byte[] bytes) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString()
        .toLowerCase(Locale.ROOT);
    JsonFactory factory = name.endsWith(".json") ? new JsonFactory() : new YAMLFactory();
    try (JsonParser p = factory.createParser(bytes)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new TaskFileException(List.of(file + ": is empty; a task file has nodes and tasks"
            + " (see docs/tasks.md)"));
      }
      Value root = value(p, t, "");
      if (p.nextToken() != null) {
        throw new TaskFileException(List.of(file + ":" + line(p.currentTokenLocation())
            + ": more than one document; a task file is one"));
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String message = e.getOriginalMessage();
      // Jackson's messages may end with a note about the source, which names nothing useful.
      int cut = message.indexOf("\n at [Source");
      throw new TaskFileException(List.of(file + (where == null ? "" : ":" + line(where))
          + ": not valid " + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": "
          + String.join(" ", (cut < 0 ? message : message.substring(0, cut)).strip()
              .split("\\s*\\R\\s*"))));
    } catch (IOException e) {
      throw new TaskFileException(List.of(file + ": cannot be read: " + e.getMessage()));
    }
  }

  private static int line(JsonLocation location) {
    return Math.max(1, location.getLineNr());
  }

  private Value value(JsonParser p, JsonToken t, String path) throws IOException {
    int line = line(p.currentTokenLocation());
    switch (t) {
      case START_OBJECT: {
        Map<String, Value> map = new LinkedHashMap<>();
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = line(p.currentTokenLocation());
          String sub = path.isEmpty() ? key : path + "." + key;
          Value v = value(p, p.nextToken(), sub);
          if (map.containsKey(key)) {
            problem(keyLine, sub, "given twice (also on line " + map.get(key).line + ")");
          }
          map.put(key, new Value(v.value, keyLine, sub));
        }
        return new Value(map, line, path);
      }
      case START_ARRAY: {
        List<Value> list = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(value(p, t, path + "[" + list.size() + "]"));
        }
        return new Value(list, line, path);
      }
      case VALUE_STRING:
        return new Value(p.getText(), line, path);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Value(p.getNumberValue(), line, path);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Value(p.getBooleanValue(), line, path);
      case VALUE_NULL:
        return new Value(null, line, path);
      default:
        throw new TaskFileException(List.of(file + ":" + line + ": " + path
            + ": unexpected " + t));
    }
  }

  // ---- checking ----

  private void problem(int line, String path, String what) {
    problems.add(file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + what);
  }

  private void problem(Value v, String what) {
    problem(v.line, v.path, what);
  }

  private TaskFile check(Value root) {
    if (!(root.value instanceof Map)) {
      problem(root.line, "", "a task file is a mapping with nodes, tasks and, optionally,"
          + " webhooks and placement (see docs/tasks.md)");
      throw new TaskFileException(problems);
    }
    Map<String, Value> top = root.map();
    unknownKeys(root, TOP);
    String placement = Optional.ofNullable(top.get("placement")).map(v -> choice(v, PLACEMENTS))
        .orElse("least-loaded");

    List<TaskFile.NodeDef> nodes = new ArrayList<>();
    Value nodesValue = top.get("nodes");
    if (nodesValue == null) {
      problem(root.line, "nodes", "missing: a task file names the Scrapyd nodes it runs on"
          + " (nodes: [{id: local, url: http://localhost:6800}])");
    } else {
      for (Value n : items(nodesValue)) {
        node(n).ifPresent(nodes::add);
      }
      unique(nodes, d -> d.id, d -> d.line, "nodes", "node id");
    }

    List<TaskFile.WebhookDef> webhooks = new ArrayList<>();
    Value hooks = top.get("webhooks");
    if (hooks != null) {
      int i = 0;
      for (Value w : items(hooks)) {
        webhook(w, ++i).ifPresent(webhooks::add);
      }
      unique(webhooks, d -> d.id, d -> d.line, "webhooks", "webhook id");
    }

    List<TaskFile.TaskDef> tasks = new ArrayList<>();
    Value tasksValue = top.get("tasks");
    if (tasksValue == null) {
      problem(root.line, "tasks", "missing: a task file has at least one task");
    } else {
      Set<String> nodeIds = new HashSet<>();
      Set<String> allTags = new HashSet<>();
      for (TaskFile.NodeDef n : nodes) {
        nodeIds.add(n.id);
        allTags.addAll(n.tags);
      }
      for (Value t : items(tasksValue)) {
        task(t, nodeIds, allTags, nodesValue != null && problems.isEmpty())
            .ifPresent(tasks::add);
      }
      unique(tasks, d -> d.id, d -> d.line, "tasks", "task id");
      if (tasks.isEmpty() && problems.isEmpty()) {
        problem(tasksValue, "empty: a task file has at least one task");
      }
    }
    return new TaskFile(file, placement, nodes, webhooks, tasks);
  }

  private List<Value> items(Value v) {
    if (v.value instanceof List) {
      return v.list();
    }
    problem(v, "must be a list (one '- ' entry per item)");
    return List.of();
  }

  private <T> void unique(List<T> defs, Function<T, String> id,
      Function<T, Integer> line, String path, String what) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (T d : defs) {
      Integer first = seen.putIfAbsent(id.apply(d), line.apply(d));
      if (first != null) {
        problem(line.apply(d), path, what + " '" + id.apply(d) + "' is used twice (first on line "
            + first + ")");
      }
    }
  }

  private boolean isMap(Value v, String what) {
    if (v.value instanceof Map) {
      return true;
    }
    problem(v, "must be a mapping (" + what + ")");
    return false;
  }

  private void unknownKeys(Value v, Set<String> known) {
    for (Map.Entry<String, Value> e : v.map().entrySet()) {
      if (!known.contains(e.getKey())) {
        problem(e.getValue(), "unknown field" + Scrapyd4jCommand.didYouMean(
            new ArrayList<>(new java.util.TreeSet<>(known)), e.getKey())
            + " (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
      }
    }
  }

  /** A required scalar as text; null (a problem noted) when absent or not a scalar. */
  private String required(Value owner, String key) {
    Value v = owner.map().get(key);
    if (v == null || v.value == null) {
      problem(owner.line, owner.path.isEmpty() ? key : owner.path + "." + key, "missing");
      return null;
    }
    return text(v);
  }

  /** An optional scalar as text, or null. */
  private String optional(Value owner, String key) {
    Value v = owner.map().get(key);
    return v == null || v.value == null ? null : text(v);
  }

  private String text(Value v) {
    if (!v.isScalar()) {
      problem(v, "must be a single value, not a " + (v.value instanceof Map ? "mapping" : "list"));
      return null;
    }
    return v.value.toString();
  }

  private String choice(Value v, List<String> allowed) {
    String t = text(v);
    if (t == null) {
      return null;
    }
    String c = t.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    if (!allowed.contains(c)) {
      problem(v, "'" + t + "' is not one of " + String.join(", ", allowed));
      return null;
    }
    return c;
  }

  private String id(Value owner, String what) {
    String id = required(owner, "id");
    if (id != null && !ID.matcher(id).matches()) {
      problem(owner.map().get("id"), what + " id '" + id + "' must be 1 to 100 letters, digits,"
          + " '.', '_' or '-', starting with a letter or digit");
      return null;
    }
    return id;
  }

  /** ${NAME} replaced by the environment variable; null (a problem noted) when one is unset. */
  private String expand(Value v, String text) {
    if (text == null) {
      return null;
    }
    Matcher m = VARIABLE.matcher(text);
    StringBuilder b = new StringBuilder();
    boolean ok = true;
    while (m.find()) {
      String value = environment.get(m.group(1));
      if (value == null) {
        problem(v, "environment variable " + m.group(1) + " is not set");
        ok = false;
        value = "";
      }
      m.appendReplacement(b, Matcher.quoteReplacement(value));
    }
    m.appendTail(b);
    if (!ok) {
      return null;
    }
    return b.toString();
  }

  private Optional<URI> url(Value owner, boolean secret) {
    Value v = owner.map().get("url");
    String raw = required(owner, "url");
    String url = expand(v, raw);
    if (url == null) {
      return Optional.empty();
    }
    // What is shown of a bad URL: nothing for a secret one (a webhook's), else redacted.
    String shown = secret ? "the URL" : Redaction.quote(raw);
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        problem(v, shown + " must start with http:// or https:// and name a host");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      problem(v, shown + " is not a valid URL: " + e.getReason());
      return Optional.empty();
    }
  }

  private Set<String> stringSet(Value v) {
    Set<String> out = new LinkedHashSet<>();
    if (v == null) {
      return out;
    }
    if (v.isScalar()) {
      out.add(v.value.toString());
      return out;
    }
    for (Value item : items(v)) {
      String t = text(item);
      if (t != null && !t.isBlank()) {
        out.add(t.strip());
      }
    }
    return out;
  }

  private Optional<TaskFile.NodeDef> node(Value n) {
    if (!isMap(n, "a node: id, url and, optionally, username, password, tags, capacity")) {
      return Optional.empty();
    }
    unknownKeys(n, NODE);
    String id = id(n, "node");
    Optional<URI> url = url(n, false);
    Value userValue = n.map().get("username");
    Value passValue = n.map().get("password");
    String user = userValue == null ? null : expand(userValue, optional(n, "username"));
    String pass = passValue == null ? null : expand(passValue, optional(n, "password"));
    Optional<Credentials> credentials = Optional.empty();
    if (pass != null && (user == null || user.isEmpty())) {
      problem(passValue, "a password needs a username");
    } else if (user != null && !user.isEmpty()) {
      credentials = Optional.of(Credentials.of(user, pass == null ? "" : pass));
    }
    if (credentials.isPresent() && url.isPresent() && url.get().getRawUserInfo() != null) {
      problem(n.map().get("url"), "give the credentials in the URL or as username and password,"
          + " not both");
    }
    OptionalInt capacity = OptionalInt.empty();
    Value cap = n.map().get("capacity");
    if (cap != null) {
      Long c = positive(cap);
      if (c != null) {
        capacity = OptionalInt.of((int) Math.min(c, Integer.MAX_VALUE));
      }
    }
    if (id == null || url.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TaskFile.NodeDef(id, url.get(), credentials,
        stringSet(n.map().get("tags")), capacity, n.line));
  }

  private Optional<TaskFile.WebhookDef> webhook(Value w, int index) {
    if (!isMap(w, "a webhook: url and, optionally, id, format, on")) {
      return Optional.empty();
    }
    unknownKeys(w, WEBHOOK);
    String id = w.map().containsKey("id") ? id(w, "webhook") : "webhook-" + index;
    Optional<URI> url = url(w, true);
    String format = Optional.ofNullable(w.map().get("format")).map(v -> choice(v, FORMATS))
        .orElse("json");
    Set<AlertKind> on = EnumSet.allOf(AlertKind.class);
    Value onValue = w.map().get("on");
    if (onValue != null) {
      on = EnumSet.noneOf(AlertKind.class);
      for (String kind : stringSet(onValue)) {
        String k = kind.toUpperCase(Locale.ROOT).replace('-', '_');
        try {
          on.add(AlertKind.valueOf(k));
        } catch (IllegalArgumentException e) {
          problem(onValue, "'" + kind + "' is not an alert kind (" + kinds() + ")");
        }
      }
    }
    if (id == null || url.isEmpty() || format == null) {
      return Optional.empty();
    }
    return Optional.of(new TaskFile.WebhookDef(id, url.get(), format, on, w.line));
  }

  static String kinds() {
    List<String> names = new ArrayList<>();
    for (AlertKind k : AlertKind.values()) {
      names.add(k.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return String.join(", ", names);
  }

  private Long positive(Value v) {
    String t = text(v);
    if (t == null) {
      return null;
    }
    try {
      long n = Long.parseLong(t.strip());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    problem(v, "'" + t + "' must be a whole number greater than 0");
    return null;
  }

  private Duration duration(Value v) {
    String t = text(v);
    if (t == null) {
      return null;
    }
    try {
      Duration d = Durations.parse(t);
      if (d.isNegative() || d.isZero()) {
        problem(v, "'" + t + "' must be longer than 0");
        return null;
      }
      return d;
    } catch (IllegalArgumentException e) {
      problem(v, e.getMessage());
      return null;
    }
  }

  private Map<String, String> stringMap(Value v) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.value == null) {
      return out;
    }
    if (!isMap(v, "NAME: VALUE lines")) {
      return out;
    }
    for (Map.Entry<String, Value> e : v.map().entrySet()) {
      String t = e.getValue().value == null ? "" : text(e.getValue());
      if (t != null) {
        out.put(e.getKey(), t);
      }
    }
    return out;
  }

  private Optional<TaskFile.TaskDef> task(Value t, Set<String> nodeIds, Set<String> allTags,
      boolean nodesKnown) {
    if (!isMap(t, "a task: id, project, spider, a trigger (cron, every, delay or at) and,"
        + " optionally, args, settings, node or tags, rules...")) {
      return Optional.empty();
    }
    int before = problems.size();
    unknownKeys(t, TASK);
    Map<String, Value> m = t.map();
    TaskFile.TaskDef.Builder b = new TaskFile.TaskDef.Builder();
    b.line = t.line;
    b.id = id(t, "task");
    b.project = required(t, "project");
    b.spider = required(t, "spider");
    b.args = stringMap(m.get("args"));
    if (b.args.containsKey("jobid") || b.args.containsKey("_version")
        || b.args.containsKey("setting")) {
      problem(m.get("args"), "jobid, _version and setting are not spider arguments (use"
          + " version and settings)");
    }
    b.settings = stringMap(m.get("settings"));
    b.version = optional(t, "version");
    b.trigger = trigger(t);
    b.node = optional(t, "node");
    b.tags = stringSet(m.get("tags"));
    if (b.node != null && !b.tags.isEmpty()) {
      problem(m.get("tags"), "give node or tags, not both");
    }
    if (nodesKnown && b.node != null && !nodeIds.contains(b.node)) {
      problem(m.get("node"), "no node '" + b.node + "' in nodes" + Scrapyd4jCommand.didYouMean(
          new ArrayList<>(nodeIds), b.node) + " (nodes: " + String.join(", ",
          new java.util.TreeSet<>(nodeIds)) + ")");
    }
    if (nodesKnown) {
      for (String tag : b.tags) {
        if (!allTags.contains(tag)) {
          problem(m.get("tags"), "no node has the tag '" + tag + "'");
        }
      }
    }
    Optional.ofNullable(m.get("overlap")).map(v -> choice(v, OVERLAPS))
        .ifPresent(o -> b.overlap = o);
    b.timeLimit = Optional.ofNullable(m.get("time-limit")).map(this::duration).orElse(null);
    b.killAfter = Optional.ofNullable(m.get("kill-after")).map(this::duration).orElse(null);
    if (b.killAfter != null && b.timeLimit == null) {
      problem(m.get("kill-after"), "kill-after is the grace after time-limit: give time-limit"
          + " too");
    }
    Value retries = m.get("retries");
    if (retries != null) {
      String r = text(retries);
      try {
        b.retries = Integer.parseInt(r == null ? "" : r.strip());
        if (b.retries < 0 || b.retries > 10) {
          problem(retries, "'" + r + "' must be from 0 to 10");
        }
      } catch (NumberFormatException e) {
        problem(retries, "'" + r + "' must be a whole number from 0 to 10");
      }
    }
    List<TaskFile.RuleDef> rules = new ArrayList<>();
    if (m.get("rules") != null) {
      for (Value r : items(m.get("rules"))) {
        rule(r).ifPresent(rules::add);
      }
      List<TaskFile.RuleDef> named = new ArrayList<>(rules);
      named.removeIf(d -> d.name == null);
      unique(named, d -> d.name, d -> d.line, t.path + ".rules", "rule name");
    }
    b.rules = rules;
    if (problems.size() > before) {
      return Optional.empty();
    }
    TaskFile.TaskDef def = new TaskFile.TaskDef(b);
    try {
      // The library's own checks: project, spider and version names, arguments, settings.
      def.crawlTask();
    } catch (IllegalArgumentException | IllegalStateException e) {
      problem(t.line, t.path, e.getMessage());
      return Optional.empty();
    }
    return Optional.of(def);
  }

  private TaskFile.TriggerDef trigger(Value t) {
    Map<String, Value> m = t.map();
    List<String> given = new ArrayList<>();
    for (String k : List.of("cron", "every", "delay", "at")) {
      if (m.containsKey(k)) {
        given.add(k);
      }
    }
    if (given.size() != 1) {
      problem(t.line, t.path, given.isEmpty()
          ? "no trigger: give one of cron (\"0 3 * * *\"), every (15m), delay (15m) or at"
              + " (2026-12-24T18:00:00Z)"
          : "give one trigger, not " + String.join(" and ", given));
      return null;
    }
    String kind = given.get(0);
    Value v = m.get(kind);
    ZoneId zone = ZoneId.systemDefault();
    Value zoneValue = m.get("timezone");
    if (zoneValue != null) {
      String z = text(zoneValue);
      try {
        zone = ZoneId.of(z == null ? "" : z.strip());
      } catch (DateTimeException e) {
        problem(zoneValue, "'" + z + "' is not a time zone (Europe/Paris, UTC, +02:00)");
        return null;
      }
    }
    String misfire = Optional.ofNullable(m.get("misfire")).map(x -> choice(x, MISFIRES))
        .orElse("skip");
    switch (kind) {
      case "cron": {
        String expr = text(v);
        if (expr == null) {
          return null;
        }
        Trigger cron;
        try {
          cron = Trigger.cron(expr.strip(), zone);
        } catch (IllegalArgumentException e) {
          problem(v, e.getMessage());
          return null;
        }
        return new TaskFile.TriggerDef(TaskFile.TriggerDef.Kind.CRON, expr.strip(), zone, null,
            null, misfire, v.line, cron);
      }
      case "every":
      case "delay": {
        Duration d = duration(v);
        if (d == null) {
          return null;
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
          problem(v, "'" + text(v) + "' is shorter than 1s");
          return null;
        }
        boolean rate = kind.equals("every");
        return new TaskFile.TriggerDef(rate ? TaskFile.TriggerDef.Kind.RATE
            : TaskFile.TriggerDef.Kind.DELAY, null, zone, d, null, misfire, v.line,
            rate ? Trigger.fixedRate(d) : Trigger.fixedDelay(d));
      }
      default: {
        String at = text(v);
        if (at == null) {
          return null;
        }
        Instant when;
        try {
          when = OffsetDateTime.parse(at.strip()).toInstant();
        } catch (DateTimeParseException e) {
          try {
            when = LocalDateTime.parse(at.strip()).atZone(zone).toInstant();
          } catch (DateTimeParseException e2) {
            problem(v, "'" + at + "' is not a date and time (2026-12-24T18:00:00Z, or"
                + " 2026-12-24T18:00 in the task's timezone)");
            return null;
          }
        }
        return new TaskFile.TriggerDef(TaskFile.TriggerDef.Kind.ONCE, null, zone, null, when,
            misfire, v.line, Trigger.once(when));
      }
    }
  }

  private Optional<TaskFile.RuleDef> rule(Value r) {
    if (!isMap(r, "a rule: one of errors, criticals, warnings, no-progress, run-time; action")) {
      return Optional.empty();
    }
    int before = problems.size();
    unknownKeys(r, RULE);
    Map<String, Value> m = r.map();
    String name = optional(r, "name");
    List<String> conditions = new ArrayList<>();
    for (String k : List.of("errors", "criticals", "warnings", "no-progress", "run-time")) {
      if (m.containsKey(k)) {
        conditions.add(k);
      }
    }
    if (conditions.size() != 1) {
      problem(r.line, r.path, conditions.isEmpty()
          ? "no condition: give one of errors, criticals, warnings (a count of log lines),"
              + " no-progress or run-time (a duration)"
          : "give one condition per rule, not " + String.join(" and ", conditions));
      return Optional.empty();
    }
    String c = conditions.get(0);
    TaskFile.RuleDef.Condition condition = TaskFile.RuleDef.Condition.valueOf(
        c.toUpperCase(Locale.ROOT).replace('-', '_'));
    long threshold = 0;
    Duration duration = null;
    if (c.equals("no-progress") || c.equals("run-time")) {
      duration = duration(m.get(c));
    } else {
      Long n = positive(m.get(c));
      threshold = n == null ? 0 : n;
    }
    String action = Optional.ofNullable(m.get("action"))
        .map(v -> choice(v, List.of("alert", "cancel"))).orElse("alert");
    Signal signal = Signal.TERM;
    Value sig = m.get("signal");
    if (sig != null) {
      String s = text(sig);
      try {
        signal = Signal.named(s == null ? "" : s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problem(sig, e.getMessage());
      }
      if ("alert".equals(action)) {
        problem(sig, "a signal goes with action: cancel");
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new TaskFile.RuleDef(name, condition, threshold, duration,
        "cancel".equals(action), signal, r.line));
  }
}
