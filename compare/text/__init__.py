"""Text: Chinese text as every stage reads it — character forms (`normalize`), numerals, jieba
words (`words`), word weights (`lexicon`, `specificity`), clauses and 、-lists. Strings in,
strings out: nothing here knows documents or measures."""
