import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import { formatFen, parseYuan } from '../../components/money';
import {
  BILL_KINDS,
  QUICK_AMOUNTS_FEN,
  billProblem,
  checkAccount,
  checkAmount,
  recordBill,
  type BillIntentRow,
  type BillKind,
  type BillProblem,
} from '../../store/bills';
import type { KioskDb } from '../../store/db';
import { ChoiceGrid, FieldButton } from '../requests/ChoiceGrid';
import { KeypadDialog } from '../requests/KeypadDialog';
import { groupPhone } from '../shop/spoken';

/**
 * A new payment: what (电费/水费/话费), the account on the keypad (a top-up defaults to the villager's
 * own number), the amount from ¥20/¥50/¥100 or the keypad, then 已收现金: only when the operator has
 * the cash is it recorded.
 */
export function BillForm({
  db,
  phone,
  operatorId,
  onDone,
}: {
  db: KioskDb;
  phone: string;
  operatorId?: string;
  onDone: (bill: BillIntentRow) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<BillKind>();
  const [account, setAccount] = useState('');
  const [amountFen, setAmountFen] = useState<number>();
  const [dialog, setDialog] = useState<'account' | 'amount'>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);

  const problemText = (p: BillProblem) =>
    p.field === 'phone'
      ? t(`requests.phoneProblem.${p.problem}`, { count: phone.length })
      : p.field === 'account'
        ? t(`requests.bills.problem.${p.problem === 'empty' ? 'accountEmpty' : p.problem}`)
        : t(`requests.bills.problem.${p.problem === 'min' ? 'amountMin' : 'amountMax'}`);

  const submit = async () => {
    if (!kind) return setProblem(t('requests.bills.problem.accountEmpty'));
    const input = { phone, kind, account, amountFen: amountFen ?? 0, ...(operatorId && { operatorId }) };
    const found = billProblem(input);
    if (found) return setProblem(problemText(found));
    setSaving(true);
    const result = await recordBill(db, input);
    setSaving(false);
    if (!result.ok) return setProblem(t('requests.failed', { message: result.error.message }));
    onDone(result.value);
  };

  return (
    <section className="req-form" aria-label={t('requests.bills.formTitle')}>
      <ChoiceGrid
        label={t('requests.bills.formTitle')}
        columns={3}
        options={BILL_KINDS.map((k) => ({ value: k, name: t(`requests.bills.kinds.${k}`) }))}
        value={kind}
        onChange={(k) => {
          setKind(k);
          setAccount(k === 'phone' ? phone : '');
          setProblem(undefined);
        }}
      />
      {kind && (
        <FieldButton
          label={t(`requests.bills.account.${kind}`)}
          value={
            account
              ? kind === 'phone'
                ? groupPhone(account)
                : account
              : t(`requests.bills.accountHint.${kind}`)
          }
          changeLabel={t('requests.change')}
          onOpen={() => setDialog('account')}
        />
      )}
      <div className="req-amounts" role="radiogroup" aria-label={t('requests.bills.amount')}>
        <span className="req-amounts__label">{t('requests.bills.amount')}</span>
        {QUICK_AMOUNTS_FEN.map((fen) => (
          <button
            key={fen}
            type="button"
            role="radio"
            aria-checked={amountFen === fen}
            className={`choice choice--small ${amountFen === fen ? 'choice--on' : ''}`}
            onClick={() => {
              setAmountFen(fen);
              setProblem(undefined);
            }}
          >
            <span className="choice__name">{formatFen(fen)}</span>
          </button>
        ))}
        <button
          type="button"
          role="radio"
          aria-checked={amountFen !== undefined && !QUICK_AMOUNTS_FEN.some((q) => q === amountFen)}
          className="choice choice--small"
          onClick={() => setDialog('amount')}
        >
          <span className="choice__name">{t('requests.bills.other')}</span>
        </button>
      </div>
      <p className="req-total">
        {t('requests.bills.cashDue')}{' '}
        {amountFen ? <Money fen={amountFen} className="req-total__money" /> : '—'}
      </p>
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
        {t('requests.bills.submit')}
      </button>
      {dialog === 'account' && kind && (
        <KeypadDialog
          title={t(`requests.bills.account.${kind}`)}
          initial={account}
          maxLength={kind === 'phone' ? 11 : 20}
          check={(v) => {
            const p = checkAccount(kind, v);
            return p && t(`requests.bills.problem.${p === 'empty' ? 'accountEmpty' : p}`);
          }}
          onDone={(v) => {
            setAccount(v);
            setDialog(undefined);
            setProblem(undefined);
          }}
          onCancel={() => setDialog(undefined)}
        />
      )}
      {dialog === 'amount' && (
        <KeypadDialog
          title={t('requests.bills.other')}
          maxLength={7}
          allowDot
          suffix={t('requests.yuan')}
          check={(v) => {
            const fen = parseYuan(v);
            if (fen === undefined) return t('requests.bills.problem.amountFormat');
            const p = checkAmount(fen);
            return p && t(`requests.bills.problem.${p === 'min' ? 'amountMin' : 'amountMax'}`);
          }}
          onDone={(v) => {
            setAmountFen(parseYuan(v));
            setDialog(undefined);
            setProblem(undefined);
          }}
          onCancel={() => setDialog(undefined)}
        />
      )}
    </section>
  );
}
