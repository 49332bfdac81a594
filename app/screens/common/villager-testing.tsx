/**
 * Test-only helpers for the villager screens: the whole App in jsdom on fake-indexeddb, with a shell
 * that answers nothing (the screens work from the local database alone), and county data put in the
 * way the kiosk receives it — as validated pulled changes applied by pull-store.
 */
import { render, screen } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { App } from '../../App';
import { createI18n } from '../../i18n';
import { KioskDb } from '../../store/db';
import { applyPullPage } from '../../store/pull-store';
import { readCursor } from '../../store/sync-state';
import type { KioskPlatform } from '../../platform/kiosk';
import type { KioskMethod, KioskTransport, MethodOutput, Result } from '../../../kiosk-shell/api';
import { entitySchemas, type Change, type EntityData, type EntityType } from '../../../sync/protocol';

export function silentPlatform(): KioskPlatform {
  const api: KioskTransport = {
    invoke: <M extends KioskMethod>() =>
      Promise.resolve({ ok: false, error: { code: 'NOT_AVAILABLE', message: 'test' } } as Result<
        MethodOutput<M>
      >),
  };
  return { api, shell: 'browser', link: { state: () => 'open', subscribe: () => () => undefined } };
}

let dbCounter = 0;
export const freshDb = (prefix: string) => new KioskDb(`${prefix}-${dbCounter++}-${Date.now()}`);

/** Renders the kiosk at its home screen and taps the tile whose name matches. */
export async function openTile(
  db: KioskDb,
  tile: RegExp,
  opts: { idleTimeoutMs?: number; user?: UserEvent; locale?: 'zh-CN' | 'en' } = {},
) {
  const user = opts.user ?? userEvent.setup();
  render(
    <I18nextProvider i18n={createI18n(opts.locale ?? 'zh-CN')}>
      <App platform={silentPlatform()} db={db} idleTimeoutMs={opts.idleTimeoutMs ?? 600_000} />
    </I18nextProvider>,
  );
  await user.click(screen.getByRole('button', { name: tile }));
  return { user };
}

/** One pulled page of upserts (and deletes: data null), each validated with the protocol's schema. */
export async function pull<E extends EntityType>(
  db: KioskDb,
  entity: E,
  rows: { id: string; data: EntityData<E> | null }[],
): Promise<void> {
  const from = await readCursor(db);
  let version = Number(from);
  const changes = rows.map(
    ({ id, data }) =>
      (data === null
        ? { entity, id, op: 'delete', data: null, version: String(++version) }
        : {
            entity,
            id,
            op: 'upsert',
            data: entitySchemas[entity].parse(data),
            version: String(++version),
          }) as Change,
  );
  const applied = await applyPullPage(db, { from, to: String(version), changes });
  if (!applied.ok) throw new Error(`pull not applied: ${applied.reason}`);
}

/** A speechSynthesis that records what it was asked to say. */
export function recordSpeech(): string[] {
  const spoken: string[] = [];
  vi.stubGlobal('speechSynthesis', {
    cancel: vi.fn(),
    speak: vi.fn((u: { text: string }) => spoken.push(u.text)),
    getVoices: () => [],
  });
  vi.stubGlobal(
    'SpeechSynthesisUtterance',
    class {
      lang = '';
      rate = 1;
      constructor(public text: string) {}
    },
  );
  return spoken;
}
