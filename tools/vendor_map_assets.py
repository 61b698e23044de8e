"""Vendor the map page's assets from their npm packages into ``kg/assets/map/``.

Run by a developer when upgrading them, never at run time::

    cd /tmp && npm pack leaflet@1.9.4 leaflet.markercluster@1.5.3 topojson-client@3.1.0 \
        world-atlas@2.0.2 @rapideditor/country-coder@5.6.1
    for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    python tools/vendor_map_assets.py /tmp

Copies the scripts, stylesheets, licences and the Natural Earth country outlines
(``countries-110m.json`` drawn first, ``countries-50m.json`` once the map is zoomed in), and
writes ``countries.tsv``: per ISO 3166-1 alpha-2 code the Wikidata
id (from country-coder's ``borders.json``) and a marker position, the area-weighted centroid of
the country's largest polygon in world-atlas (so France's marker sits in Europe, not between
Europe and French Guiana), or the centroid of country-coder's outline for countries world-atlas
lacks.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "assets" / "map"

FILES = {  # package folder glob → files copied (source path, target name)
    "leaflet-*": [("dist/leaflet.js", "leaflet.js"), ("dist/leaflet.css", "leaflet.css"),
                  ("LICENSE", "LICENSE.leaflet")],
    "leaflet.markercluster-*": [
        ("dist/leaflet.markercluster.js", "leaflet.markercluster.js"),
        ("dist/MarkerCluster.css", "MarkerCluster.css"),
        ("dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"),
        ("MIT-LICENCE.txt", "LICENSE.leaflet.markercluster")],
    "topojson-client-*": [("dist/topojson-client.min.js", "topojson-client.min.js"),
                          ("LICENSE", "LICENSE.topojson-client")],
    "world-atlas-*": [("countries-50m.json", "countries-50m.json"),
                      ("countries-110m.json", "countries-110m.json"),
                      ("LICENSE", "LICENSE.world-atlas")],
    "rapideditor-country-coder-*": [("LICENSE.md", "LICENSE.country-coder")],
}


def package_dir(root: Path, pattern: str) -> Path:
    """Return the unpacked ``package/`` folder of the npm tarball matching ``pattern``."""
    found = sorted(root.glob(pattern + "/package"))
    if not found:
        sys.exit(f"{root}: no unpacked {pattern} package")
    return found[-1]


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Return the arcs of a quantized TopoJSON topology as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    """Return the points of a ring made of arc indexes (a negative index is a reversed arc)."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Return a ring whose longitudes do not jump across the antimeridian (Russia, Fiji)."""
    out = [points[0]]
    for x, y in points[1:]:
        prev = out[-1][0]
        while x - prev > 180:
            x -= 360
        while prev - x > 180:
            x += 360
        out.append((x, y))
    return out


def area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Return (area, lon, lat) of a ring by the shoelace formula (area unsigned)."""
    points = unwrap(points)
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = zip(*points, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def polygons(geometry: dict, arcs: list | None = None) -> list[list[tuple[float, float]]]:
    """Return the outer rings of a (TopoJSON or GeoJSON) Polygon / MultiPolygon."""
    kind, coords = geometry["type"], geometry.get("arcs", geometry.get("coordinates"))
    polys = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    if arcs is not None:
        return [ring(arcs, p[0]) for p in polys]
    return [[tuple(pt) for pt in p[0]] for p in polys]


def marker_position(rings: list[list[tuple[float, float]]]) -> tuple[float, float] | None:
    """Return (lat, lon) of the centroid of the largest ring."""
    best = max((area_centroid(r) for r in rings if len(r) > 2), default=None)
    if best is None:
        return None
    return round(best[2], 4), round((best[1] + 180) % 360 - 180, 4)


def wikidata_ids(features: list[dict]) -> dict[str, str]:
    """Return ISO alpha-2 → Wikidata id. A "Kingdom of X" aggregate (NL, DK) maps to its
    constituent country X, the item that carries the ISO code in Wikidata (Q55, Q35)."""
    out = {}
    for f in features:
        p = f["properties"]
        if "iso1A2" in p and "wikidata" in p:
            out[p["iso1A2"]] = p["wikidata"]
            name = p.get("nameEn", "")
            if name.startswith("Kingdom of "):
                part = [g["properties"] for g in features
                        if g["properties"].get("country") == p["iso1A2"]
                        and g["properties"].get("nameEn") == name.removeprefix("Kingdom of the ")
                        .removeprefix("Kingdom of ")]
                if part:
                    out[p["iso1A2"]] = part[0]["wikidata"]
    return out


def main(root: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    dirs = {pattern: package_dir(root, pattern) for pattern in FILES}
    for pattern, files in FILES.items():
        for source, target in files:
            shutil.copyfile(dirs[pattern] / source, OUT / target)
    topo = json.loads((dirs["world-atlas-*"] / "countries-50m.json").read_text())
    arcs = decode_arcs(topo)
    by_numeric = {g["id"]: polygons(g, arcs)
                  for g in topo["objects"]["countries"]["geometries"] if g.get("id")}
    borders = json.loads(
        (dirs["rapideditor-country-coder-*"] / "src/data/borders.json").read_text())
    features = borders["features"]
    wikidata = wikidata_ids(features)
    rows = ["iso2\twikidata\tlat\tlon"]
    for f in sorted(features, key=lambda f: f["properties"].get("iso1A2", "")):
        p = f["properties"]
        if "iso1A2" not in p:
            continue
        rings = by_numeric.get(p.get("iso1N3", ""))
        if not rings and f.get("geometry"):
            rings = polygons(f["geometry"])
        pos = marker_position(rings) if rings else None
        lat, lon = pos if pos else ("", "")
        rows.append(f"{p['iso1A2']}\t{wikidata[p['iso1A2']]}\t{lat}\t{lon}")
    (OUT / "countries.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(rows) - 1} countries)")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
