"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/action-result";
import { Button } from "@/components/ui";

export function ToggleActiveButton({ action, userId, active, username }: { action: FormAction; userId: string; active: boolean; username: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <Button type="submit" variant={active ? "danger" : "secondary"} disabled={pending} aria-label={`${active ? "停用" : "启用"} ${username}`}>
        {active ? "停用" : "启用"}
      </Button>
      {state && !state.ok ? <span className="text-sm text-red-700">{state.message}</span> : null}
    </form>
  );
}
