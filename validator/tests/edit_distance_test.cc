#include "util/edit_distance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace ocilint {
namespace {

/// The textbook full-matrix optimal string alignment distance, to compare against.
size_t Reference(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

TEST(EditDistanceTest, CountsEachKindOfEdit) {
  EXPECT_EQ(util::EditDistance("", ""), 0u);
  EXPECT_EQ(util::EditDistance("CAP_CHOWN", "CAP_CHOWN"), 0u);
  EXPECT_EQ(util::EditDistance("CAP_CHWON", "CAP_CHOWN"), 1u);         // adjacent swap
  EXPECT_EQ(util::EditDistance("CAP_SYS_ADMN", "CAP_SYS_ADMIN"), 1u);  // insertion
  EXPECT_EQ(util::EditDistance("CAP_KILLL", "CAP_KILL"), 1u);          // deletion
  EXPECT_EQ(util::EditDistance("CAP_KELL", "CAP_KILL"), 1u);           // substitution
  EXPECT_EQ(util::EditDistance("", "abc"), 3u);
}

TEST(EditDistanceTest, BoundedAnswersAreExactWithinTheBoundAndOverItOtherwise) {
  std::mt19937 random(12345);
  auto word = [&](size_t max_length) {
    std::string s(random() % (max_length + 1), 'a');
    for (char& c : s)
      c = static_cast<char>('a' + random() % 4);  // a small alphabet: many near pairs
    return s;
  };
  for (int round = 0; round < 20000; ++round) {
    std::string a = word(12), b = word(12);
    size_t expected = Reference(a, b);
    ASSERT_EQ(util::EditDistance(a, b), expected) << a << " / " << b;
    for (size_t bound = 0; bound <= 13; ++bound) {
      size_t got = util::EditDistance(a, b, bound);
      if (expected <= bound) {
        ASSERT_EQ(got, expected) << a << " / " << b << " bound " << bound;
      } else {
        ASSERT_EQ(got, bound + 1) << a << " / " << b << " bound " << bound;
      }
    }
  }
}

TEST(EditDistanceTest, LongStringsUseTheHeapAndAgree) {
  std::string a(300, 'x'), b(300, 'x');
  b[10] = 'y';
  b.insert(200, "zz");
  EXPECT_EQ(util::EditDistance(a, b), Reference(a, b));
  EXPECT_EQ(util::EditDistance(a, b, 1), 2u);
}

}  // namespace
}  // namespace ocilint
