import type { ApplicationState } from "@/db/schema/cases";
import { STATE_LABELS } from "@/lib/cases/labels";
import { Badge } from "@/components/ui";

const TONES: Record<ApplicationState, "slate" | "green" | "red" | "amber" | "blue"> = {
  SUBMITTED: "blue",
  ACCEPTED: "blue",
  REFUSED: "red",
  UNDER_REVIEW: "amber",
  RETURNED: "amber",
  PROPOSED: "amber",
  APPROVED: "green",
  REJECTED: "red",
  PAID: "green",
};

export function StateBadge({ state }: { state: ApplicationState }) {
  return <Badge tone={TONES[state]}>{STATE_LABELS[state]}</Badge>;
}
