"use client";

import "leaflet/dist/leaflet.css";
import { useEffect, useRef } from "react";
import type * as Leaflet from "leaflet";
import type { Map as LeafletMap, LayerGroup } from "leaflet";
import type { RouteOnMap } from "@/lib/board/route-plan";

export interface RouteMapProps {
  routes: RouteOnMap[];
  /** Drawn dashed and faint beneath `routes` (the day before an optimisation). */
  compareWith?: RouteOnMap[];
  label: string;
  className?: string;
}

/** One colour per technician, in the order given. */
export const ROUTE_COLOURS = ["#1f5bc4", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#be185d"];

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The routes of a day on a map: each technician's home, numbered stops and the
 * legs between them. The tile server is NEXT_PUBLIC_MAP_TILE_URL; without one,
 * or with none reachable, the stops and legs are drawn on a plain grid.
 */
export function RouteMap({ routes, compareWith, label, className = "h-72" }: RouteMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<LeafletMap | null>(null);
  const layers = useRef<LayerGroup | null>(null);
  const leaflet = useRef<typeof Leaflet | null>(null);

  const draw = () => {
    const L = leaflet.current;
    const m = map.current;
    if (!L || !m) return;
    layers.current?.remove();
    const group = L.layerGroup().addTo(m);
    layers.current = group;
    const points: [number, number][] = [];
    const colourOf = new Map(routes.map((r, i) => [r.technicianId, ROUTE_COLOURS[i % ROUTE_COLOURS.length]]));
    for (const route of compareWith ?? []) {
      const path: [number, number][] = [[route.home.lat, route.home.lng], ...route.stops.map((s) => [s.lat, s.lng] as [number, number]), [route.home.lat, route.home.lng]];
      if (route.stops.length === 0) continue;
      L.polyline(path, { color: colourOf.get(route.technicianId) ?? "#64748b", weight: 2, opacity: 0.45, dashArray: "4 6" }).addTo(group);
      points.push(...path);
    }
    routes.forEach((route, i) => {
      const colour = ROUTE_COLOURS[i % ROUTE_COLOURS.length];
      const home: [number, number] = [route.home.lat, route.home.lng];
      points.push(home);
      L.marker(home, {
        icon: L.divIcon({ className: "", html: `<div class="crewboard-route-home" style="border-color:${colour}" title="${escape(route.technicianName)}: home"></div>`, iconSize: [14, 14], iconAnchor: [7, 7] }),
        title: `${route.technicianName}: home`,
      }).addTo(group);
      if (route.stops.length === 0) return;
      const path: [number, number][] = [home, ...route.stops.map((s) => [s.lat, s.lng] as [number, number]), home];
      L.polyline(path, { color: colour, weight: 3, opacity: 0.85 }).addTo(group);
      route.stops.forEach((stop, n) => {
        points.push([stop.lat, stop.lng]);
        L.marker([stop.lat, stop.lng], {
          icon: L.divIcon({
            className: "",
            html: `<div class="crewboard-route-stop" style="background:${colour}">${n + 1}</div>`,
            iconSize: [20, 20],
            iconAnchor: [10, 10],
          }),
          title: `${route.technicianName} ${n + 1}: ${stop.workOrder}, ${stop.customerName}`,
        }).addTo(group);
      });
    });
    // the box may have been sized after the map was made: measure again before fitting, and
    // fit without animation so the legs are drawn for the final view
    m.invalidateSize({ animate: false });
    if (points.length > 0) m.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 15, animate: false });
  };
  const drawRef = useRef(draw);
  useEffect(() => {
    drawRef.current = draw;
  });

  useEffect(() => {
    let cancelled = false;
    void import("leaflet").then((L) => {
      if (cancelled || !box.current || map.current) return;
      leaflet.current = L;
      const m = L.map(box.current, { center: [41.88, -87.63], zoom: 11, attributionControl: false, keyboard: true });
      const tiles = process.env.NEXT_PUBLIC_MAP_TILE_URL;
      if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(m);
      map.current = m;
      drawRef.current();
    });
    return () => {
      cancelled = true;
      map.current?.remove();
      map.current = null;
      layers.current = null;
    };
  }, []);

  useEffect(() => {
    drawRef.current();
  }, [routes, compareWith]);

  const stops = routes.reduce((n, r) => n + r.stops.length, 0);
  return (
    <div
      ref={box}
      role="region"
      aria-label={`Map: ${label}, ${routes.length} ${routes.length === 1 ? "route" : "routes"}, ${stops} stops`}
      className={`crewboard-map w-full rounded-md border border-slate-300 ${className}`}
      data-testid="route-map"
    />
  );
}
