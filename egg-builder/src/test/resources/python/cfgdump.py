"""Reads scrapy.cfg files the way scrapyd-client 2.0.3 does (ConfigParser with BasicInterpolation,
then os.path.expandvars) and prints, for each case, every value or the error class, plus the
deploy targets computed with scrapyd-deploy's rules. Input on stdin: a JSON list of
{"text": ..., "env": {...}}. Written for scrapyd4j's parity tests."""
import configparser
import json
import os
import sys
import tempfile


class EnvInterpolation(configparser.BasicInterpolation):
    def before_get(self, parser, section, option, value, defaults):
        value = super().before_get(parser, section, option, value, defaults)
        return os.path.expandvars(value)


def targets(cfg):
    base = dict(cfg.items("deploy")) if cfg.has_section("deploy") else {}
    out = {}
    if "url" in base:
        out["default"] = base
    for section in cfg.sections():
        if section.startswith("deploy:"):
            t = base.copy()
            t.update(cfg.items(section))
            out[section[7:]] = t
    return out


def dump(case):
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(case.get("env", {}))
    try:
        with tempfile.NamedTemporaryFile("wb", suffix=".cfg", delete=False) as f:
            f.write(case["text"].encode("utf-8"))
            name = f.name
        cfg = configparser.ConfigParser(interpolation=EnvInterpolation())
        try:
            cfg.read(name, encoding="utf-8")
        except configparser.Error as e:
            return {"error": type(e).__name__, "line": getattr(e, "lineno", 0) or 0}
        finally:
            os.unlink(name)
        sections = {}
        for s in ["DEFAULT"] + cfg.sections():
            keys = list(cfg.defaults()) if s == "DEFAULT" else list(cfg[s])
            values = {}
            for k in keys:
                try:
                    values[k] = cfg.get(s, k)
                except configparser.Error as e:
                    values[k] = {"error": type(e).__name__}
            sections[s] = values
        try:
            t = targets(cfg)
        except configparser.Error as e:
            t = {"error": type(e).__name__}
        return {"sections": sections, "targets": t}
    finally:
        os.environ.clear()
        os.environ.update(saved)


print(json.dumps([dump(c) for c in json.load(sys.stdin)]))
