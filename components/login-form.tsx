"use client";

import { useEffect, useState } from "react";
import { signIn } from "next-auth/react";
import { Button, Field, inputClass, Notice } from "@/components/ui";

const MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: "用户名或密码不正确",
  THROTTLED: "登录失败次数过多，账号已临时锁定，请 15 分钟后再试",
};

/** Only same-site paths may be returned to after sign-in. */
function safeReturnPath(value: string | null): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/start";
}

export function LoginForm({ callbackUrl }: { callbackUrl: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until React has hydrated, a click would submit the form natively: the button waits for it.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        username: String(form.get("username") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error) {
        setError(MESSAGES[result?.error ?? ""] ?? "登录失败，请稍后重试");
        setPending(false);
        return;
      }
      // A full navigation, so the server renders the area with the new session cookie.
      window.location.assign(safeReturnPath(callbackUrl));
    } catch {
      setError("网络异常，请稍后重试");
      setPending(false);
    }
  }

  return (
    // method="post" as well: were the form ever submitted natively, the password would travel in
    // the body, never in a URL that logs and history keep.
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
      {error ? (
        <Notice tone="error" testId="login-error">
          {error}
        </Notice>
      ) : null}
      <Field label="用户名" htmlFor="username">
        <input id="username" name="username" autoComplete="username" required className={inputClass} />
      </Field>
      <Field label="密码" htmlFor="password">
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </Field>
      <Button type="submit" disabled={!hydrated || pending} className="w-full">
        {pending ? "正在登录…" : "登录"}
      </Button>
    </form>
  );
}
