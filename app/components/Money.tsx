import { formatFen } from './money';

/** An amount in fen, shown as yuan; read out whole by screen readers and the speaker button. */
export function Money({ fen, className = '' }: { fen: number; className?: string }) {
  return <span className={`money ${className}`}>{formatFen(fen)}</span>;
}
