import type { ButtonHTMLAttributes, ReactNode } from 'react';

/** The touch primitive: at least 64 px in both directions, text at least 24 px (styles.css). */
export function BigButton({
  children,
  variant = 'primary',
  className = '',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'quiet';
  children: ReactNode;
}) {
  return (
    <button type="button" className={`big-button big-button--${variant} ${className}`} {...rest}>
      {children}
    </button>
  );
}
