/**
 * User-given categories (the `categories` option of the encoders): one value type, no
 * duplicates, null for the missing category. A CategoryList keeps the missing category
 * last (scikit-learn's own order for fitted categories), so a given null must come last
 * too: anywhere else scikit-learn would put its column elsewhere than skewless does.
 */
import type { CategoryList } from "../../artefact/states.js";
import { type CategoryValue, type ValueType, categoryKey, categoryList, isMissing, valueType } from "../../core/categories.js";
import { InvalidOptionError, describeValue } from "../../core/errors.js";

export function givenCategories(given: (CategoryValue | null)[], who: string): CategoryList {
  let type: ValueType | null = null;
  const seen = new Set<CategoryValue>();
  const values: CategoryValue[] = [];
  let includesMissing = false;
  given.forEach((v, i) => {
    if (isMissing(v)) {
      if (i !== given.length - 1) {
        throw new InvalidOptionError(
          `${who}: categories[${i}] is ${describeValue(v)} (the missing category) but is not last; put null at the end of categories (the missing category is always the last column)`,
        );
      }
      includesMissing = true;
      return;
    }
    const t = valueType(v, `${who} categories`, i);
    if (type !== null && t !== type) throw new InvalidOptionError(`${who}: categories mix ${type}s and ${t}s; give one type`);
    type = t;
    const k = categoryKey(v as CategoryValue);
    if (seen.has(k)) throw new InvalidOptionError(`${who}: category ${describeValue(v)} is given twice`);
    seen.add(k);
    values.push(k);
  });
  return categoryList(type, values, includesMissing);
}
