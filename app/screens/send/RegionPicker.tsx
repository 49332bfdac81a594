import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadRegions, type Region, type Regions } from '../../store/regions';

export interface RegionPick {
  province?: Region;
  city?: Region;
  county?: Region;
}

/** The pick is complete: a county chosen, or a city that has no county level (it stands for one). */
export function isComplete(regions: Regions | undefined, pick: RegionPick): boolean {
  if (!regions || !pick.province || !pick.city) return false;
  return pick.county !== undefined || regions.counties(pick.city.code).length === 0;
}

/**
 * Province → city → county as big buttons, one level at a time: no typing and no scrolling wheels.
 * The levels already chosen stay on top as buttons that go back to that level.
 */
export function RegionPicker({
  pick,
  onPick,
  onRegions,
}: {
  pick: RegionPick;
  onPick: (next: RegionPick) => void;
  onRegions?: (regions: Regions) => void;
}) {
  const { t } = useTranslation();
  const [regions, setRegions] = useState<Regions>();
  const [failed, setFailed] = useState<string>();

  useEffect(() => {
    let live = true;
    loadRegions().then(
      (r) => {
        if (!live) return;
        setRegions(r);
        onRegions?.(r);
      },
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [onRegions]);

  if (failed) return <p className="shop-error">{failed}</p>;
  if (!regions) return <p className="send-note">{t('send.region.loading')}</p>;

  let level: 'province' | 'city' | 'county' | 'done';
  let options: Region[] = [];
  if (!pick.province) {
    level = 'province';
    options = regions.provinces();
  } else if (!pick.city) {
    level = 'city';
    options = regions.cities(pick.province.code);
  } else if (!pick.county && regions.counties(pick.city.code).length > 0) {
    level = 'county';
    options = regions.counties(pick.city.code);
  } else level = 'done';

  const choose = (r: Region) => {
    if (level === 'province') onPick({ province: r });
    else if (level === 'city') onPick({ province: pick.province, city: r });
    else onPick({ ...pick, county: r });
  };

  return (
    <div className="send-region" data-level={level}>
      <div className="send-region__picked">
        {pick.province && (
          <button type="button" className="send-chip send-chip--picked" onClick={() => onPick({})}>
            {pick.province.name}
          </button>
        )}
        {pick.city && (
          <button
            type="button"
            className="send-chip send-chip--picked"
            onClick={() => onPick({ province: pick.province })}
          >
            {pick.city.name}
          </button>
        )}
        {pick.county && (
          <button
            type="button"
            className="send-chip send-chip--picked"
            onClick={() => onPick({ province: pick.province, city: pick.city })}
          >
            {pick.county.name}
          </button>
        )}
      </div>
      {level !== 'done' && (
        <>
          <h2>{t(`send.region.${level}`)}</h2>
          <div className="send-region__grid" role="group" aria-label={t(`send.region.${level}`)}>
            {options.map((r) => (
              <button key={r.code} type="button" className="send-region__option" onClick={() => choose(r)}>
                {r.name}
              </button>
            ))}
          </div>
        </>
      )}
      {level === 'done' && (
        <button type="button" className="big-button big-button--secondary" onClick={() => onPick({})}>
          {t('send.region.change')}
        </button>
      )}
    </div>
  );
}
