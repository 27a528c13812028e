#include "CZim.h"
