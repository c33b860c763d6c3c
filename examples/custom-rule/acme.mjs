// The plugin: a module that exports `{ rules: [...] }`. Named in a config's "plugins" as
// "./acme.mjs", its rules get the namespace "acme" (the file name): `acme/require-team-label`.
import requireTeamLabel from "./rules/require-team-label.mjs";

export default { rules: [requireTeamLabel] };
