"use client";

import { useEffect, useState } from "react";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  // Signing out runs in the browser: until the page is hydrated a click would do nothing, so
  // the button stays disabled until then (a click in that moment was silently lost, CI 1dda10a).
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <button
      type="button"
      disabled={!ready}
      onClick={() => signOut({ callbackUrl: "/login" })}
      className="min-h-10 rounded-md border border-white/40 px-3 py-1 text-sm text-white hover:bg-white/10 disabled:opacity-60"
    >
      退出登录
    </button>
  );
}
