/**
 * The county's townships and villages, read once per county and shared by every filter and form
 * (a village picker, the notice targets, the drill-down).
 */
import { useEffect, useState } from 'react';
import { get } from './api';

export interface Place {
  id: string;
  name: string;
  villages: { id: string; name: string }[];
}

let current: { countyId: string; places: Promise<Place[]> } | null = null;
let countyId = '';

export const setPlacesCounty = (id: string) => {
  countyId = id;
};

export function usePlaces(): Place[] | null {
  const [places, setPlaces] = useState<Place[] | null>(null);
  useEffect(() => {
    let live = true;
    if (current?.countyId !== countyId) {
      const id = countyId;
      current = {
        countyId: id,
        places: get<Place[]>(`/api/v1/admin/counties/${encodeURIComponent(id)}/places`).then((r) =>
          r.ok ? r.value : [],
        ),
      };
    }
    void current.places.then((p) => live && setPlaces(p));
    return () => {
      live = false;
    };
  }, []);
  return places;
}
