import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraCapture } from '../../components/CameraCapture';
import { DatePicker } from '../../components/DatePicker';
import { Money } from '../../components/Money';
import { formatFen, parseYuan } from '../../components/money';
import type { KioskDb } from '../../store/db';
import type { CapturedPhoto } from '../../store/photos';
import {
  HARVEST_WINDOW_DAYS,
  MAX_QUANTITY,
  MAX_UNIT_PRICE_FEN,
  PRODUCE_KINDS,
  PRODUCE_UNITS,
  listProduce,
  listingProblem,
  type ListingProblem,
  type ProduceListingRow,
} from '../../store/produce';
import { ChoiceGrid, FieldButton } from '../requests/ChoiceGrid';
import { KeypadDialog } from '../requests/KeypadDialog';
import { usePickerLabels } from '../requests/labels';

/**
 * A new listing by taps: kind (which suggests its usual unit), unit, quantity and price on the keypad,
 * harvest day from the picker (the last two weeks at a glance, older by paging), a photo where the
 * terminal has a camera.
 */
export function SellForm({
  db,
  phone,
  today = new Date(),
  onDone,
}: {
  db: KioskDb;
  phone: string;
  today?: Date;
  onDone: (listing: ProduceListingRow) => void;
}) {
  const { t } = useTranslation();
  const labels = usePickerLabels();
  const [kind, setKind] = useState<string>();
  const [unit, setUnit] = useState<string>();
  const [quantity, setQuantity] = useState<number>();
  const [priceFen, setPriceFen] = useState<number>();
  const [harvestDate, setHarvestDate] = useState<string>();
  const [photo, setPhoto] = useState<CapturedPhoto>();
  const [dialog, setDialog] = useState<'quantity' | 'price'>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);

  const problemText = (p: ListingProblem): string => {
    switch (p.field) {
      case 'phone':
        return t(`requests.phoneProblem.${p.problem}`, { count: phone.length });
      case 'kind':
      case 'unit':
        return t(`requests.sell.problem.${p.field}`);
      case 'quantity':
        return t(`requests.sell.problem.${p.problem === 'min' ? 'quantityMin' : 'quantityMax'}`);
      case 'price':
        return t(`requests.sell.problem.${p.problem === 'min' ? 'priceMin' : 'priceMax'}`);
      case 'harvestDate':
        return t(`requests.sell.problem.${p.problem}`);
      case 'photo':
        return t('requests.sell.problem.photo');
    }
  };

  const submit = async () => {
    const input = {
      phone,
      kind: kind ?? '',
      unit: unit ?? '',
      quantity: quantity ?? 0,
      askingPriceFen: priceFen ?? 0,
      ...(harvestDate && { harvestDate }),
      ...(photo && { photo }),
    };
    const found = listingProblem(input, today);
    if (found) return setProblem(problemText(found));
    setSaving(true);
    const result = await listProduce(db, input);
    setSaving(false);
    if (!result.ok) return setProblem(t('requests.failed', { message: result.error.message }));
    onDone(result.value);
  };
  const clear = () => setProblem(undefined);

  return (
    <section className="req-form" aria-label={t('requests.sell.formTitle')}>
      <h3>{t('requests.sell.kind')}</h3>
      <ChoiceGrid
        label={t('requests.sell.kind')}
        columns={6}
        options={PRODUCE_KINDS.map((k) => ({ value: k.kind, name: k.kind }))}
        value={kind}
        onChange={(k) => {
          setKind(k);
          setUnit(PRODUCE_KINDS.find((p) => p.kind === k)?.unit);
          clear();
        }}
      />
      <h3>{t('requests.sell.unit')}</h3>
      <ChoiceGrid
        label={t('requests.sell.unit')}
        columns={6}
        options={PRODUCE_UNITS.map((u) => ({ value: u, name: u }))}
        value={unit as (typeof PRODUCE_UNITS)[number] | undefined}
        onChange={(u) => {
          setUnit(u);
          clear();
        }}
      />
      <FieldButton
        label={t('requests.sell.quantity')}
        value={quantity ? `${quantity} ${unit ?? ''}` : t('requests.notSet')}
        changeLabel={t('requests.change')}
        onOpen={() => setDialog('quantity')}
      />
      <FieldButton
        label={t('requests.sell.price', { unit: unit ?? '' })}
        value={priceFen ? formatFen(priceFen) : t('requests.notSet')}
        changeLabel={t('requests.change')}
        onOpen={() => setDialog('price')}
      />
      <h3>{t('requests.sell.harvest')}</h3>
      <DatePicker
        today={today}
        days={HARVEST_WINDOW_DAYS}
        direction="past"
        value={harvestDate}
        onChange={(d) => {
          setHarvestDate(d);
          clear();
        }}
        labels={labels.date}
        locale={labels.locale}
      />
      <h3>{t('requests.sell.photo')}</h3>
      <CameraCapture photo={photo} onChange={setPhoto} labels={labels.camera} />
      {quantity && priceFen ? (
        <p className="req-total">
          {t('requests.sell.total')} <Money fen={quantity * priceFen} className="req-total__money" />
        </p>
      ) : null}
      {problem && (
        <p className="vscreen-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="button"
        className="big-button big-button--primary req-submit"
        disabled={saving}
        onClick={() => void submit()}
      >
        {t('requests.sell.submit')}
      </button>
      {dialog === 'quantity' && (
        <KeypadDialog
          title={t('requests.sell.quantity')}
          maxLength={6}
          suffix={unit}
          check={(v) => {
            const n = Number(v);
            if (!v || !Number.isInteger(n) || n < 1) return t('requests.sell.problem.quantityMin');
            if (n > MAX_QUANTITY) return t('requests.sell.problem.quantityMax');
            return undefined;
          }}
          onDone={(v) => {
            setQuantity(Number(v));
            setDialog(undefined);
            clear();
          }}
          onCancel={() => setDialog(undefined)}
        />
      )}
      {dialog === 'price' && (
        <KeypadDialog
          title={t('requests.sell.price', { unit: unit ?? '' })}
          maxLength={8}
          allowDot
          suffix={t('requests.yuan')}
          check={(v) => {
            const fen = parseYuan(v);
            if (fen === undefined || fen < 1) return t('requests.sell.problem.priceMin');
            if (fen > MAX_UNIT_PRICE_FEN) return t('requests.sell.problem.priceMax');
            return undefined;
          }}
          onDone={(v) => {
            setPriceFen(parseYuan(v));
            setDialog(undefined);
            clear();
          }}
          onCancel={() => setDialog(undefined)}
        />
      )}
    </section>
  );
}
