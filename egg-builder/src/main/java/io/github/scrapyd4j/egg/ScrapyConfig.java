package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.egg.ScrapyConfigException.Problem;
import io.github.scrapyd4j.egg.internal.Args;
import io.github.scrapyd4j.egg.internal.ExpandVars;
import io.github.scrapyd4j.egg.internal.PyConfigParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Scrapy's configuration, read like scrapyd-deploy reads it: the same files in the same order
 * ({@code /etc/scrapy.cfg}, {@code $XDG_CONFIG_HOME/scrapy.cfg} or {@code ~/.config/scrapy.cfg},
 * {@code ~/.scrapy.cfg}, then the closest {@code scrapy.cfg} from the project folder up, later
 * files overriding earlier ones; {@code ~} is {@code $HOME}, else {@code user.home}, as in Python) and parsed like Python's {@code ConfigParser}: {@code =} or
 * {@code :} between key and value, {@code #} and {@code ;} comment lines, indented continuation
 * lines, {@code [DEFAULT]} inherited by every section, {@code %%} and {@code %(name)s}
 * interpolation, then {@code $VAR} and {@code ${VAR}} replaced from the environment (undefined
 * ones stay as written). Keys are case-insensitive, section names are not.
 *
 * <pre>{@code
 * ScrapyConfig cfg = ScrapyConfig.find(Path.of("."));          // walks up to scrapy.cfg
 * String settings = cfg.settingsModule().orElseThrow();        // [settings] default
 * DeployTarget prod = cfg.target("prod");                      // [deploy:prod] over [deploy]
 * Map<String, DeployTarget> all = cfg.targets();               // scrapyd-deploy -a
 * }</pre>
 *
 * <p>Deploy targets: {@code [deploy]} is the target {@code default}, but only when it has a
 * {@code url}; each {@code [deploy:NAME]} is the target {@code NAME} and inherits every key of
 * {@code [deploy]}. Values are interpolated when read, so a bad {@code %} shows up as a
 * {@link ScrapyConfigException} from the method that reads it. Instances are immutable.
 */
public final class ScrapyConfig {
  /** The project configuration file's name. */
  public static final String FILE_NAME = "scrapy.cfg";

  private final PyConfigParser parser;
  private final List<Path> sources;
  private final Path closest;
  private final Map<String, Path> sourceNames;
  private final List<Path> searched;

  private ScrapyConfig(PyConfigParser parser, List<Path> sources, Path closest,
      Map<String, Path> sourceNames, List<Path> searched) {
    this.parser = parser;
    this.sources = List.copyOf(sources);
    this.closest = closest;
    this.sourceNames = sourceNames;
    this.searched = List.copyOf(searched);
  }

  /**
   * Finds the closest {@code scrapy.cfg} from a folder up, and reads it after the system and
   * user files, with this process's environment.
   *
   * @param start the folder to start from (a file's folder, if a file is given)
   * @return the configuration
   * @throws ScrapyConfigException if no {@code scrapy.cfg} is found (the message names every
   *     folder searched) or a file does not parse
   */
  public static ScrapyConfig find(Path start) {
    return loader().find(start);
  }

  /**
   * Parses the text of one configuration file, with this process's environment and no other
   * file.
   *
   * @param text the file's content
   * @return the configuration
   * @throws ScrapyConfigException if the text does not parse
   */
  public static ScrapyConfig parse(String text) {
    return loader().systemAndUserFiles(false).parse(text);
  }

  /**
   * Starts a loader, to choose the environment, the home folder and which files are read.
   *
   * @return a new loader
   */
  public static Loader loader() {
    return new Loader();
  }

  /**
   * The closest {@code scrapy.cfg}: the project's own file.
   *
   * @return the file, empty when the configuration was parsed from text
   */
  public Optional<Path> file() {
    return Optional.ofNullable(closest);
  }

  /**
   * The project folder: the folder holding the closest {@code scrapy.cfg}.
   *
   * @return the folder, empty when the configuration was parsed from text
   */
  public Optional<Path> projectDir() {
    return Optional.ofNullable(closest).map(Path::getParent);
  }

  /**
   * The files that were read, in order (later ones override earlier ones).
   *
   * @return the files read
   */
  public List<Path> sources() {
    return sources;
  }

  /**
   * Every file looked for, in the order read, whether it exists or not: {@code /etc/scrapy.cfg},
   * {@code $XDG_CONFIG_HOME/scrapy.cfg} (else {@code ~/.config/scrapy.cfg}), {@code
   * ~/.scrapy.cfg} ({@code ~} being {@code $HOME}, else {@code user.home}), then the project's
   * {@code scrapy.cfg}. {@link #sources()} are the ones that existed.
   *
   * @return the files looked for
   */
  public List<Path> searched() {
    return searched;
  }

  /**
   * Which files were read and which were looked for but absent, for messages: {@code "read
   * /w/scrapy.cfg; not present: /etc/scrapy.cfg, /home/u/.scrapy.cfg"}.
   */
  String describeSources() {
    List<String> absent = new ArrayList<>();
    for (Path p : searched) {
      if (!sources.contains(p)) {
        absent.add(p.toString());
      }
    }
    String read = sources.isEmpty() ? "no configuration file was read"
        : "read " + sources.stream().map(Path::toString).collect(Collectors.joining(", "));
    return read + (absent.isEmpty() ? "" : "; not present: " + String.join(", ", absent));
  }

  /**
   * The sections, in the order first read; {@code DEFAULT} is not one.
   *
   * @return the section names
   */
  public List<String> sections() {
    return parser.sections();
  }

  /**
   * Whether a section exists.
   *
   * @param section the section name (case-sensitive)
   * @return whether any file has it
   */
  public boolean hasSection(String section) {
    return parser.hasSection(Args.notNull("section", section));
  }

  /**
   * The keys of a section, its own and {@code [DEFAULT]}'s, like Python's
   * {@code cfg.options(section)}; {@code options("DEFAULT")} gives {@code [DEFAULT]}'s keys.
   *
   * @param section the section name (case-sensitive)
   * @return the keys (lower case), empty if the section is absent
   */
  public List<String> options(String section) {
    List<String> keys = parser.options(Args.notNull("section", section));
    return keys == null ? List.of() : keys;
  }

  /**
   * A value, interpolated and with environment variables expanded, like scrapyd-deploy's
   * {@code cfg.get(section, option)}; {@code [DEFAULT]} values count for every section.
   *
   * @param section the section name (case-sensitive)
   * @param option the key (case-insensitive)
   * @return the value, empty if the section or key is absent
   * @throws ScrapyConfigException if interpolation fails
   */
  public Optional<String> get(String section, String option) {
    Args.notNull("section", section);
    Args.notNull("option", option);
    try {
      return Optional.ofNullable(parser.get(section, option));
    } catch (PyConfigParser.Error e) {
      throw convert(e);
    }
  }

  /**
   * A value as written (continuation lines joined), without interpolation or expansion.
   *
   * @param section the section name
   * @param option the key
   * @return the raw value, empty if absent
   */
  public Optional<String> getRaw(String section, String option) {
    Args.notNull("section", section);
    Args.notNull("option", option);
    return Optional.ofNullable(parser.raw(section, option));
  }

  /**
   * Every key of a section with its value, {@code [DEFAULT]}'s first, interpolated and expanded,
   * like Python's {@code cfg.items(section)}.
   *
   * @param section the section name
   * @return the keys and values in Python's order, empty if the section is absent
   * @throws ScrapyConfigException if interpolation of any value fails
   */
  public Map<String, String> items(String section) {
    Args.notNull("section", section);
    try {
      return Collections.unmodifiableMap(parser.items(section));
    } catch (PyConfigParser.Error e) {
      throw convert(e);
    }
  }

  /**
   * The settings module of the project: {@code [settings] default}.
   *
   * @return the module name, empty if not set
   * @throws ScrapyConfigException if interpolation fails
   */
  public Optional<String> settingsModule() {
    return get("settings", "default").map(String::strip).filter(s -> !s.isEmpty());
  }

  /**
   * The deploy targets, as scrapyd-deploy computes them: {@code default} first (from
   * {@code [deploy]}, only when it has a {@code url}), then each {@code [deploy:NAME]} in file
   * order, each starting from {@code [deploy]}'s keys.
   *
   * @return the targets by name, in that order
   * @throws ScrapyConfigException if interpolation of a deploy value fails
   */
  public Map<String, DeployTarget> targets() {
    Map<String, String> base = hasSection("deploy") ? items("deploy") : Map.of();
    Map<String, DeployTarget> targets = new LinkedHashMap<>();
    if (base.containsKey("url")) {
      targets.put("default", target("default", base));
    }
    for (String section : sections()) {
      if (section.startsWith("deploy:")) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(items(section));
        String name = section.substring("deploy:".length());
        targets.put(name, target(name, merged));
      }
    }
    return Collections.unmodifiableMap(targets);
  }

  /**
   * One deploy target.
   *
   * @param name the target's name ({@code default} for {@code [deploy]})
   * @return the target
   * @throws ScrapyConfigException ({@link ScrapyConfigException.Problem#UNKNOWN_TARGET}) if there
   *     is no such target; the message lists the known ones
   */
  public DeployTarget target(String name) {
    Args.notNull("name", name);
    Map<String, DeployTarget> targets = targets();
    DeployTarget target = targets.get(name);
    if (target == null) {
      String known = targets.isEmpty()
          ? "no target is defined (add a [deploy] section with a url, or [deploy:" + name + "])"
          : "known targets: " + String.join(", ", targets.keySet());
      String hint = name.equals("default") && hasSection("deploy")
          ? "; [deploy] has no url, so it is not the target 'default'" : "";
      throw new ScrapyConfigException(Problem.UNKNOWN_TARGET,
          "Unknown target: " + name + "; " + known + hint + " (" + describeSources() + ")",
          closest, 0, null);
    }
    return target;
  }

  private static DeployTarget target(String name, Map<String, String> keys) {
    return DeployTarget.builder()
        .name(name)
        .url(Optional.ofNullable(keys.get("url")))
        .project(Optional.ofNullable(keys.get("project")).filter(s -> !s.isEmpty()))
        .username(Optional.ofNullable(keys.get("username")))
        .password(Optional.ofNullable(keys.get("password")))
        .version(Optional.ofNullable(keys.get("version")).filter(s -> !s.isEmpty()))
        .options(keys)
        .build();
  }

  private ScrapyConfigException convert(PyConfigParser.Error e) {
    return ScrapyConfig.convert(e, sourceNames);
  }

  static ScrapyConfigException convert(PyConfigParser.Error e, Map<String, Path> sourceNames) {
    Problem problem;
    switch (e.kind) {
      case MISSING_SECTION_HEADER:
        problem = Problem.MISSING_SECTION_HEADER;
        break;
      case PARSING:
        problem = Problem.PARSE_ERROR;
        break;
      case DUPLICATE_SECTION:
        problem = Problem.DUPLICATE_SECTION;
        break;
      case DUPLICATE_OPTION:
        problem = Problem.DUPLICATE_OPTION;
        break;
      case INTERPOLATION_MISSING_OPTION:
        problem = Problem.INTERPOLATION_MISSING_OPTION;
        break;
      case INTERPOLATION_SYNTAX:
        problem = Problem.INTERPOLATION_SYNTAX;
        break;
      default:
        problem = Problem.INTERPOLATION_DEPTH;
    }
    String hint = problem == Problem.INTERPOLATION_SYNTAX
        ? "; write a literal % as %% in scrapy.cfg" : "";
    Path file = e.source == null ? null : sourceNames.get(e.source);
    return new ScrapyConfigException(problem, e.getMessage() + hint, file, e.line, e);
  }

  /**
   * The user's home folder as Python's {@code os.path.expanduser("~")} finds it: {@code HOME}
   * when set and not empty, else the {@code user.home} property (the system's user record).
   */
  static Path home(Map<String, String> environment) {
    String env = environment.get("HOME");
    return Path.of(env != null && !env.isEmpty() ? env : System.getProperty("user.home"));
  }

  /** The sources and environment, without the parsed content. */
  @Override
  public String toString() {
    return "ScrapyConfig{sources=" + sources + ", sections=" + sections() + '}';
  }

  /**
   * Reads configurations with a chosen environment and home folder. The defaults are this
   * process's: {@code System.getenv()}, {@code $HOME} (else {@code user.home}), and the system and
   * user files included.
   *
   * <pre>{@code
   * ScrapyConfig cfg = ScrapyConfig.loader()
   *     .environment(Map.of("SCRAPYD_URL", "http://scrapyd:6800/"))
   *     .systemAndUserFiles(false)
   *     .find(projectDir);
   * }</pre>
   */
  public static final class Loader {
    private Map<String, String> environment = System.getenv();
    private Path userHome;
    private boolean systemAndUserFiles = true;

    private Loader() {}

    /**
     * The environment variables for {@code $VAR} expansion and for {@code HOME} and
     * {@code XDG_CONFIG_HOME}.
     *
     * @param environment the variables (copied)
     * @return this loader
     */
    public Loader environment(Map<String, String> environment) {
      this.environment = Map.copyOf(Args.notNull("environment", environment));
      return this;
    }

    /**
     * The home folder for {@code ~/.scrapy.cfg} and {@code ~/.config/scrapy.cfg}. Default:
     * {@code HOME} from the environment, else the {@code user.home} property.
     *
     * @param userHome the folder
     * @return this loader
     */
    public Loader userHome(Path userHome) {
      this.userHome = Args.notNull("userHome", userHome);
      return this;
    }

    /**
     * Whether to read {@code /etc/scrapy.cfg} and the user's files before the project's, as
     * Scrapy does. Default: true.
     *
     * @param read false to read only the project's {@code scrapy.cfg}
     * @return this loader
     */
    public Loader systemAndUserFiles(boolean read) {
      this.systemAndUserFiles = read;
      return this;
    }

    /**
     * Finds the closest {@code scrapy.cfg} from a folder up and reads the configuration.
     *
     * @param start the folder to start from
     * @return the configuration
     * @throws ScrapyConfigException if none is found (naming every folder searched) or a file
     *     does not parse
     */
    public ScrapyConfig find(Path start) {
      return load(closest(start));
    }

    /**
     * Reads the configuration with the given file as the project's {@code scrapy.cfg}.
     *
     * @param scrapyCfg the project's configuration file
     * @return the configuration
     * @throws ScrapyConfigException if the file does not exist or a file does not parse
     */
    public ScrapyConfig load(Path scrapyCfg) {
      Args.notNull("scrapyCfg", scrapyCfg);
      Path file = scrapyCfg.toAbsolutePath().normalize();
      if (!Files.isRegularFile(file)) {
        throw new ScrapyConfigException(Problem.NOT_FOUND, file + " does not exist", file, 0, null);
      }
      return read(file, null);
    }

    /**
     * Reads only the system and user files (when enabled), for deploying to a URL from outside a
     * project.
     *
     * @return the configuration, possibly empty
     */
    public ScrapyConfig withoutProject() {
      return read(null, null);
    }

    /**
     * Parses the text of a project's configuration file (read after the system and user files,
     * when enabled).
     *
     * @param text the file's content
     * @return the configuration
     * @throws ScrapyConfigException if the text does not parse
     */
    public ScrapyConfig parse(String text) {
      return read(null, Args.notNull("text", text));
    }

    private ScrapyConfig read(Path closest, String text) {
      PyConfigParser parser =
          new PyConfigParser(value -> ExpandVars.expand(value, environment));
      List<Path> read = new ArrayList<>();
      Map<String, Path> names = new LinkedHashMap<>();
      List<Path> candidates = new ArrayList<>();
      if (systemAndUserFiles) {
        candidates.addAll(userSources());
      }
      if (closest != null) {
        candidates.add(closest);
      }
      try {
        for (Path candidate : candidates) {
          if (!Files.isRegularFile(candidate)) {
            continue;
          }
          String name = candidate.toString();
          names.put(name, candidate);
          parser.read(name, decode(candidate));
          read.add(candidate);
        }
        if (text != null) {
          parser.read("<string>", stripBom(text));
        }
      } catch (PyConfigParser.Error e) {
        throw convert(e, names);
      }
      return new ScrapyConfig(parser, read, closest, Map.copyOf(names), candidates);
    }

    private List<Path> userSources() {
      Path home = userHome != null ? userHome : home(environment);
      String xdg = environment.get("XDG_CONFIG_HOME");
      Path xdgHome = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : home.resolve(".config");
      List<Path> out = new ArrayList<>();
      out.add(Path.of("/etc/scrapy.cfg"));
      if (System.getProperty("os.name", "").startsWith("Windows")) {
        out.add(Path.of("c:\\scrapy\\scrapy.cfg"));
      }
      out.add(xdgHome.resolve("scrapy.cfg"));
      out.add(home.resolve(".scrapy.cfg"));
      return out;
    }

    private static String decode(Path file) {
      try {
        byte[] bytes = Files.readAllBytes(file);
        try {
          return stripBom(StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
        } catch (CharacterCodingException e) {
          throw new ScrapyConfigException(Problem.UNREADABLE,
              file + " is not valid UTF-8: save it as UTF-8", file, 0, e);
        }
      } catch (IOException e) {
        throw new ScrapyConfigException(Problem.UNREADABLE, file + " cannot be read: " + e, file,
            0, e);
      }
    }

    private static String stripBom(String text) {
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Scrapy's closest_scrapy_cfg: this folder, then each parent. */
    private static Path closest(Path start) {
      Args.notNull("start", start);
      Path dir;
      try {
        dir = start.toRealPath();
      } catch (IOException e) {
        dir = start.toAbsolutePath().normalize();
      }
      if (Files.isRegularFile(dir)) {
        dir = dir.getParent();
      }
      List<Path> searched = new ArrayList<>();
      for (Path d = dir; d != null; d = d.getParent()) {
        searched.add(d);
        Path candidate = d.resolve(FILE_NAME);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
      throw new ScrapyConfigException(Problem.NOT_FOUND,
          "no Scrapy project found: no " + FILE_NAME + " in " + searched.stream()
              .map(Path::toString).collect(Collectors.joining(", ")),
          null, 0, null);
    }
  }
}
