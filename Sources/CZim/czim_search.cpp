// zim::Searcher (full text, Xapian) and zim::SuggestionSearcher (titles): searches whose results
// are copied out as plain structs, so no libzim iterator or Xapian object crosses into Swift.
//
// Neither searcher is thread-safe (libzim search.h / suggestion.h): a czim_searcher or
// czim_suggester must be used by one thread at a time. Each one opens its own Xapian database,
// so distinct searchers over the same archive may run concurrently (a pool per book).
#include "czim_internal.hpp"

#include <zim/search.h>
#include <zim/suggestion.h>

#include <vector>

struct czim_searcher {
    zim::Searcher searcher;
};

struct czim_suggester {
    zim::SuggestionSearcher searcher;
};

namespace {

/// A malloc'd array of `count` results (calloc'd so a half-filled array frees cleanly).
czim_search_result *allocResults(size_t count) {
    auto *array = static_cast<czim_search_result *>(std::calloc(count == 0 ? 1 : count, sizeof(czim_search_result)));
    if (array == nullptr) throw std::bad_alloc();
    return array;
}

/// Copies `s` or throws bad_alloc (the caller's guarded() turns it into a code).
char *mustCopy(const std::string &s) {
    char *out = czim::copyString(s);
    if (out == nullptr) throw std::bad_alloc();
    return out;
}

}  // namespace

extern "C" {

void czim_search_results_free(czim_search_result *results, size_t count) {
    czim::quietly([&] {
        if (results == nullptr) return;
        for (size_t i = 0; i < count; ++i) {
            std::free(results[i].path);
            std::free(results[i].title);
            std::free(results[i].snippet);
        }
        std::free(results);
    });
}

czim_code czim_searcher_new(const czim_archive *archive, czim_searcher **out_searcher, char **error_message) {
    return czim::guarded(error_message, CZIM_ERR_NO_INDEX, [&]() -> czim_code {
        if (archive == nullptr || out_searcher == nullptr) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
        }
        if (!archive->info.has_fulltext_index) {
            return czim::fail(error_message, CZIM_ERR_NO_INDEX, "the archive has no full-text index");
        }
        *out_searcher = new czim_searcher{zim::Searcher(archive->archive)};
        return CZIM_OK;
    });
}

void czim_searcher_free(czim_searcher *searcher) {
    czim::quietly([&] { delete searcher; });
}

czim_code czim_searcher_search(czim_searcher *searcher, const char *query, uint32_t start, uint32_t max_results,
                               bool with_snippets, czim_search_result **out_results, size_t *out_count,
                               uint32_t *out_estimated_matches, char **error_message) {
    return czim::guarded(error_message, CZIM_ERR_NO_INDEX, [&]() -> czim_code {
        if (searcher == nullptr || query == nullptr || out_results == nullptr || out_count == nullptr) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
        }
        zim::Search search = searcher->searcher.search(zim::Query(query));
        const zim::SearchResultSet set = search.getResults(static_cast<int>(start), static_cast<int>(max_results));
        if (out_estimated_matches != nullptr) {
            const int estimated = search.getEstimatedMatches();
            *out_estimated_matches = estimated > 0 ? static_cast<uint32_t>(estimated) : 0;
        }
        std::vector<zim::SearchIterator> hits;
        for (auto it = set.begin(); it != set.end(); ++it) hits.push_back(it);
        czim_search_result *array = allocResults(hits.size());
        size_t filled = 0;
        try {
            for (const auto &it : hits) {
                czim_search_result &r = array[filled];
                const zim::Entry entry = *it;
                r.index = entry.getIndex();
                r.path = mustCopy(entry.getPath());
                r.title = mustCopy(entry.getTitle());
                r.score = it.getScore();
                r.word_count = it.getWordCount();
                r.snippet = with_snippets ? mustCopy(it.getSnippet()) : nullptr;
                ++filled;
            }
        } catch (...) {
            czim_search_results_free(array, filled + 1);
            throw;
        }
        *out_results = array;
        *out_count = filled;
        return CZIM_OK;
    });
}

czim_code czim_suggester_new(const czim_archive *archive, czim_suggester **out_suggester, char **error_message) {
    return czim::guarded(error_message, CZIM_ERR_NO_INDEX, [&]() -> czim_code {
        if (archive == nullptr || out_suggester == nullptr) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
        }
        *out_suggester = new czim_suggester{zim::SuggestionSearcher(archive->archive)};
        return CZIM_OK;
    });
}

void czim_suggester_free(czim_suggester *suggester) {
    czim::quietly([&] { delete suggester; });
}

czim_code czim_suggester_suggest(czim_suggester *suggester, const char *query, uint32_t start, uint32_t max_results,
                                 czim_search_result **out_results, size_t *out_count,
                                 uint32_t *out_estimated_matches, char **error_message) {
    return czim::guarded(error_message, CZIM_ERR_NO_INDEX, [&]() -> czim_code {
        if (suggester == nullptr || query == nullptr || out_results == nullptr || out_count == nullptr) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
        }
        zim::SuggestionSearch search = suggester->searcher.suggest(query);
        const zim::SuggestionResultSet set = search.getResults(static_cast<int>(start), static_cast<int>(max_results));
        if (out_estimated_matches != nullptr) {
            const int estimated = search.getEstimatedMatches();
            *out_estimated_matches = estimated > 0 ? static_cast<uint32_t>(estimated) : 0;
        }
        std::vector<zim::SuggestionItem> items;
        std::vector<uint32_t> indices;
        for (auto it = set.begin(); it != set.end(); ++it) {
            items.push_back(*it);
            uint32_t index = UINT32_MAX;
            czim::quietly([&] { index = it.getEntry().getIndex(); });
            indices.push_back(index);
        }
        czim_search_result *array = allocResults(items.size());
        size_t filled = 0;
        try {
            for (size_t i = 0; i < items.size(); ++i) {
                czim_search_result &r = array[filled];
                r.index = indices[i];
                r.path = mustCopy(items[i].getPath());
                r.title = mustCopy(items[i].getTitle());
                r.snippet = items[i].hasSnippet() ? mustCopy(items[i].getSnippet()) : nullptr;
                ++filled;
            }
        } catch (...) {
            czim_search_results_free(array, filled + 1);
            throw;
        }
        *out_results = array;
        *out_count = filled;
        return CZIM_OK;
    });
}

}  // extern "C"
