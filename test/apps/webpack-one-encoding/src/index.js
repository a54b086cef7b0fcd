// One encoding's entry: the build holds cl100k_base's vocabulary and no other.
import { cl100k_base } from "bytepair/encodings/cl100k_base";
import { reportOneInPage } from "../shared/tokenize.js";

reportOneInPage("cl100k_base", cl100k_base);
