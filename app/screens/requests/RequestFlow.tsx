import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskDb } from '../../store/db';
import { VillagerFrame } from '../common/VillagerFrame';
import { groupPhone } from '../shop/spoken';
import { PhoneStep } from './PhoneStep';
import './requests.css';

/** The request services; each has its words under `requests.<service>` (title, records, new, done…). */
export type RequestService = 'bills' | 'tickets' | 'sell' | 'returns';

/** One view of a service: its body, what the speaker reads, and where 返回 goes (none: no button). */
export interface RequestView {
  say: string;
  body: ReactNode;
  onBack?: () => void;
}

/** Moves between views, for a service's own views and its list rows. */
export interface RequestNav<V> {
  go: (view: V) => void;
  toList: () => void;
}

/**
 * What every villager request service does the same way: the phone first (it is whose requests
 * these are), then that phone's requests — live, so a county answer shows as it arrives — under a
 * head with the phone and the service's "new" button, then the service's own views (form, done…)
 * from `view`. 返回 from the list goes back to the phone; a service's views say their own.
 */
export function RequestFlow<Row, V extends object>({
  service,
  db,
  onHome,
  load,
  sayList,
  list,
  start,
  view: own,
}: {
  service: RequestService;
  db: KioskDb;
  onHome: () => void;
  /** The phone's requests of this service, as the list shows them. */
  load: (db: KioskDb, phone: string) => Promise<Row[]>;
  sayList: (rows: Row[] | undefined) => string;
  list: (rows: Row[] | undefined, nav: RequestNav<V>) => ReactNode;
  /** Where the list's "new" button goes: the form, or a step before it. */
  start: V;
  view: (view: V, ctx: RequestNav<V> & { phone: string; rows: Row[] | undefined }) => RequestView;
}) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState<string>();
  const [view, setView] = useState<'phone' | 'list' | V>('phone');
  const rows = useLiveQuery(() => (phone ? load(db, phone) : undefined), [db, phone, load]);
  const nav: RequestNav<V> = { go: setView, toList: () => setView('list') };

  let shown: RequestView;
  if (view === 'phone') {
    shown = {
      say: t('requests.phoneHint'),
      body: (
        <PhoneStep
          onPhone={(p) => {
            setPhone(p);
            nav.toList();
          }}
        />
      ),
    };
  } else if (view === 'list') {
    shown = {
      say: sayList(rows),
      onBack: () => setView('phone'),
      body: (
        <>
          <div className="req-head">
            <h2>
              {t(`requests.${service}.records`)} · {t('requests.phoneOf', { phone: groupPhone(phone ?? '') })}
            </h2>
            <button type="button" className="big-button big-button--primary" onClick={() => setView(start)}>
              {t(`requests.${service}.new`)}
            </button>
          </div>
          {list(rows, nav)}
        </>
      ),
    };
  } else {
    shown = own(view, { ...nav, phone: phone ?? '', rows });
  }

  return (
    <VillagerFrame
      title={t(`requests.${service}.title`)}
      say={shown.say}
      onHome={onHome}
      onBack={shown.onBack}
      name={{ id: service, label: t(`requests.${service}.title`) }}
    >
      {shown.body}
    </VillagerFrame>
  );
}

/**
 * The page after a request is kept: what was recorded, what happens next, then `children` (the
 * request's row as the list shows it, once the live query has it), and 完成 back to the list.
 */
export function RequestDone({
  service,
  id,
  line,
  onDone,
  children,
}: {
  service: RequestService;
  /** The request's id, for tests and for the receipt it may print. */
  id: string;
  line: string;
  onDone: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="req-done" data-request-id={id}>
      <h2>{t(`requests.${service}.doneTitle`)}</h2>
      <p className="req-done__line">{line}</p>
      <p className="vscreen-note">{t(`requests.${service}.doneBody`)}</p>
      {children}
      <button type="button" className="big-button big-button--primary" onClick={onDone}>
        {t('requests.done')}
      </button>
    </section>
  );
}
