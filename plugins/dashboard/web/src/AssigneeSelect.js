// The assignee picker: only the people who do this kind of work, housekeepers
// first (see assignees.js). A current assignee outside that list (say, a
// manager on a cleaning task) stays shown so the choice is never silently lost.
import { html } from "htm/preact";
import { assigneeGroups } from "./assignees.js";

export function AssigneeSelect({ id, users, taskType, value, onChange, currentId = null }) {
  const groups = assigneeGroups(users, taskType);
  const listed = new Set(groups.flatMap((group) => group.users.map((user) => user.id)));
  const current = currentId != null && !listed.has(currentId) ? users.get(currentId) : null;
  return html`
    <select id=${id} value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
      <option value="">Unassigned</option>
      ${current && html`<option value=${String(current.id)}>${current.name} (current)</option>`}
      ${groups.map(
        (group) => html`<optgroup label=${group.label}>
          ${group.users.map((user) => html`<option value=${String(user.id)}>${user.name}</option>`)}
        </optgroup>`,
      )}
    </select>`;
}
