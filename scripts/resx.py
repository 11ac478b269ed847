#!/usr/bin/env python3
"""Adds or changes English translations in a .resx file and writes it back sorted.

    scripts/resx.py src/Modules/Outreach.Events/EventsModule.en.resx "活动日历=Event calendar" ...
    scripts/resx.py src/Outreach.Core/Resources/Localization/SharedResource.en.resx   # just re-sort

Keys are the zh-CN UI strings used with the Liquid `t` filter. A module's strings live beside its module class
(`<ModuleClass>.en.resx`); the kernel's (layout, error pages, themes) in
src/Outreach.Core/Resources/Localization/SharedResource.en.resx. A missing file is created."""
import html, pathlib, sys
import xml.etree.ElementTree as ET


def read(path):
    if not path.exists():
        return {}
    return {d.get("name"): (d.findtext("value") or "") for d in ET.parse(path).getroot().findall("data")}


def write(path, strings):
    rows = "\n".join(
        f'  <data name="{html.escape(k, quote=True)}" xml:space="preserve">\n    <value>{html.escape(v, quote=False)}</value>\n  </data>'
        for k, v in sorted(strings.items()))
    path.write_text(f'''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
{rows}
</root>
''', encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    target = pathlib.Path(sys.argv[1])
    strings = read(target)
    for pair in sys.argv[2:]:
        key, sep, value = pair.partition("=")
        if not sep or not key or not value:
            sys.exit(f"expected 中文=English, got: {pair}")
        strings[key] = value
    write(target, strings)
    print(f"{len(strings)} strings -> {target}")
