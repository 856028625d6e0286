"use client";

import "leaflet/dist/leaflet.css";
import { useEffect, useRef } from "react";
import type { Map as LeafletMap, Marker } from "leaflet";

export interface Pin {
  lat: number;
  lng: number;
}

/**
 * A small map with one draggable pin, to correct where an address was placed.
 * Works with no tile server: without NEXT_PUBLIC_MAP_TILE_URL the map is a plain
 * grid with the pin and its coordinates; with one, the tiles show beneath.
 */
export function PinMap({ pin, onMove, label }: { pin: Pin; onMove: (pin: Pin) => void; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<LeafletMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const moved = useRef(onMove);
  useEffect(() => {
    moved.current = onMove;
  }, [onMove]);

  useEffect(() => {
    let cancelled = false;
    void import("leaflet").then((L) => {
      if (cancelled || !box.current || map.current) return;
      const m = L.map(box.current, { center: [pin.lat, pin.lng], zoom: 15, attributionControl: false, keyboard: true });
      const tiles = process.env.NEXT_PUBLIC_MAP_TILE_URL;
      if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(m);
      const icon = L.divIcon({ className: "", html: '<div class="crewboard-pin" aria-hidden="true"></div>', iconSize: [18, 18], iconAnchor: [9, 9] });
      const mk = L.marker([pin.lat, pin.lng], { draggable: true, icon, keyboard: true, title: "Drag to the exact place", alt: "Site pin" }).addTo(m);
      mk.on("dragend", () => {
        const p = mk.getLatLng();
        moved.current({ lat: Math.round(p.lat * 1e6) / 1e6, lng: Math.round(p.lng * 1e6) / 1e6 });
      });
      m.on("click", (e) => {
        mk.setLatLng(e.latlng);
        moved.current({ lat: Math.round(e.latlng.lat * 1e6) / 1e6, lng: Math.round(e.latlng.lng * 1e6) / 1e6 });
      });
      map.current = m;
      marker.current = mk;
    });
    return () => {
      cancelled = true;
      map.current?.remove();
      map.current = null;
      marker.current = null;
    };
    // the map is made once; later pins move the marker (below)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const mk = marker.current;
    if (!mk) return;
    const at = mk.getLatLng();
    if (at.lat !== pin.lat || at.lng !== pin.lng) {
      mk.setLatLng([pin.lat, pin.lng]);
      map.current?.panTo([pin.lat, pin.lng]);
    }
  }, [pin.lat, pin.lng]);

  return (
    <figure className="space-y-1">
      <div ref={box} role="application" aria-label={`Map: ${label}. Drag the pin or click the map to move it.`} className="crewboard-map h-44 w-full rounded-md border border-slate-300" data-testid="pin-map" />
      <figcaption className="text-xs text-slate-600" data-testid="pin-coordinates">
        Pin at {pin.lat.toFixed(5)}, {pin.lng.toFixed(5)} — drag it or click the map where the site really is.
      </figcaption>
    </figure>
  );
}
