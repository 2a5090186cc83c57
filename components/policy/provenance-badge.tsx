import { PROVENANCE_LABELS } from "@/lib/settlement";
import { Badge } from "@/components/ui";

/** Local example values must be visibly marked wherever they appear (policy-book.md, provenance). */
export function ProvenanceBadge({ provenance }: { provenance: keyof typeof PROVENANCE_LABELS }) {
  const tone = provenance === "document" ? "green" : provenance === "interpretation" ? "blue" : "amber";
  return (
    <span data-provenance={provenance}>
      <Badge tone={tone}>{PROVENANCE_LABELS[provenance]}</Badge>
    </span>
  );
}
