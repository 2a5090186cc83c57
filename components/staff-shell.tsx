import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "./sign-out-button";

export interface StaffShellProps {
  user: { displayName: string; roleLabel: string; scopeName: string };
  nav: ReadonlyArray<{ href: string; label: string }>;
  children: ReactNode;
}

/** The frame of every staff area: who is signed in, in which scope, and what they may open. */
export function StaffShell({ user, nav, children }: StaffShellProps) {
  return (
    <div className="min-h-screen">
      <header className="no-print bg-brand-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="text-lg font-bold text-white no-underline hover:no-underline">
            三重保障服务平台
          </Link>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span data-testid="signed-in-user">
              {user.displayName} · {user.roleLabel} · {user.scopeName}
            </span>
            <SignOutButton />
          </div>
        </div>
        <nav aria-label="工作导航" className="mx-auto flex max-w-6xl flex-wrap gap-1 px-4 pb-2">
          {nav.map((item) => (
            <Link key={item.href} href={item.href} className="rounded px-3 py-1.5 text-brand-50 hover:bg-white/10 hover:no-underline">
              {item.label}
            </Link>
          ))}
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
