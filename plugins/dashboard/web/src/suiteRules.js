// The guest-facing suite changes a manager makes from the board (check-in,
// check-out, service state): what each does, why it may be unavailable, and
// what the confirmation must warn about. Mirrors the API's suite rules; the
// API still decides (and refuses a change made on a stale copy: If-Match).

/// The check-in / check-out offered for a suite: exactly one of them, chosen
/// by occupancy, always behind a confirmation (so a second click never
/// flips a check-out back into a check-in).
export function guestAction(suite) {
  if (suite.occupancy === "occupied")
    return {
      kind: "checkOut",
      label: "Check out",
      busyLabel: "Checking out…",
      changes: { occupancy: "vacant" },
      blocked: "",
      question: {
        title: `Check out suite ${suite.number}?`,
        body: "The suite becomes vacant and dirty, and a cleaning task is created for it.",
        warning: "",
        confirmLabel: "Check out",
      },
    };
  return {
    kind: "checkIn",
    label: "Check in",
    busyLabel: "Checking in…",
    changes: { occupancy: "occupied" },
    blocked: checkInBlocked(suite),
    question: {
      title: `Check in a guest to suite ${suite.number}?`,
      body: "The suite becomes occupied.",
      warning: checkInWarning(suite),
      confirmLabel: checkInWarning(suite) ? "Check in anyway" : "Check in",
    },
  };
}

export function checkInBlocked(suite) {
  if (suite.serviceState === "out_of_order") return "Out of order: a blocking maintenance task is open.";
  if (suite.serviceState === "out_of_service") return "Out of service: return it to service first.";
  return "";
}

export function checkInWarning(suite) {
  if (suite.condition === "dirty") return `Suite ${suite.number} is dirty: it has not been cleaned since the last guest.`;
  if (suite.condition === "clean") return `Suite ${suite.number} is clean but has not been inspected yet.`;
  return "";
}

/// Taking a suite out of service (confirmed) or returning it (not guest
/// facing the other way round: no confirmation needed).
export function serviceAction(suite) {
  if (suite.serviceState === "in_service")
    return {
      label: "Take out of service",
      busyLabel: "Taking out of service…",
      changes: { serviceState: "out_of_service" },
      blocked: "",
      question: {
        title: `Take suite ${suite.number} out of service?`,
        body: "It cannot be checked in until it is returned to service.",
        warning: suite.occupancy === "occupied" ? `A guest is checked in to suite ${suite.number}.` : "",
        confirmLabel: "Take out of service",
      },
    };
  if (suite.serviceState === "out_of_service")
    return {
      label: "Return to service",
      busyLabel: "Returning to service…",
      changes: { serviceState: "in_service" },
      blocked: "",
      question: null,
    };
  return {
    label: "Return to service",
    busyLabel: "",
    changes: null,
    blocked: "Out of order until its blocking maintenance task is completed or cancelled.",
    question: null,
  };
}

export function inspectBlocked(suite) {
  if (suite.occupancy === "occupied") return "Occupied: inspect it once the guest has left.";
  if (suite.condition === "dirty") return "Dirty: it needs cleaning before an inspection.";
  if (suite.condition === "inspected") return "Already inspected.";
  return "";
}
