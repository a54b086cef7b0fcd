// One encoding's entry: the build holds o200k_base's vocabulary and no other.
import { o200k_base } from "bytepair/encodings/o200k_base";
import { reportOneInPage } from "./shared/tokenize.js";

reportOneInPage("o200k_base", o200k_base);
