import { describe, it } from "vitest";
import { requiredBooleanCases } from "../../../test/support/daemon-boolean-cases.js";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-no-new-privileges.js";

createRuleTester({ describe, it }).run(rule, requiredBooleanCases("no-new-privileges", true));
