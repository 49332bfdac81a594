/**
 * Uploads a file the county received from elsewhere: a carrier's parcel manifest (CSV, for one
 * village) or a catalogue spreadsheet (CSV or XLSX). The server validates every row and refuses the
 * whole file, naming the bad rows, if any row is wrong.
 */
import { useState, type FormEvent } from 'react';
import { upload } from './api';
import { usePlaces } from './places';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function Upload({
  title,
  path,
  withVillage,
  hint,
  done,
}: {
  title: string;
  path: string;
  withVillage: boolean;
  hint: string;
  done: () => void;
}) {
  const places = usePlaces();
  const [villageId, setVillageId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (withVillage && villageId === '') return setMessage({ ok: false, text: '请选择村' });
    if (file === null) return setMessage({ ok: false, text: '请选择文件' });
    const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
    const r = await upload<Record<string, unknown>>(
      withVillage ? `${path}?villageId=${encodeURIComponent(villageId)}` : path,
      file,
      type,
    );
    if (r.ok) {
      setMessage({ ok: true, text: `${title}：已导入 ${JSON.stringify(r.value)}` });
      done();
    } else setMessage({ ok: false, text: `${title}失败：${r.message}` });
  };
  return (
    <form className="action" onSubmit={(e) => void submit(e)} aria-label={title}>
      {withVillage && (
        <label>
          <span>村 *</span>
          <select aria-label="村" value={villageId} onChange={(e) => setVillageId(e.target.value)}>
            <option value="">请选择</option>
            {(places ?? []).flatMap((t) =>
              t.villages.map((v) => (
                <option key={v.id} value={v.id}>
                  {t.name} · {v.name}
                </option>
              )),
            )}
          </select>
        </label>
      )}
      <label>
        <span>文件 *（{hint}）</span>
        <input
          type="file"
          aria-label="文件"
          accept={withVillage ? '.csv,text/csv' : '.csv,.xlsx'}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <button type="submit">{title}</button>
      {message !== null && <p className={message.ok ? 'ok' : 'error'}>{message.text}</p>}
    </form>
  );
}
