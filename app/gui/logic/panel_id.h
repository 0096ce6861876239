#pragma once
// The app's panels that are tabs or export sources, typed; their names exist only in command-line
// options (--tab, --centre, --export-dialog) and session files.
#include <optional>
#include <string>

namespace xdd {

enum class PanelId { kLoss, kInfoPlane, kAuprc, kEmbedding, kRuns, kCompare };

// "loss", "infoplane", "auprc", "embedding", "runs", "compare".
const char* panel_name(PanelId panel);
// The panel named `name`; nothing for "" or an unknown name.
std::optional<PanelId> parse_panel(const std::string& name);

}  // namespace xdd
