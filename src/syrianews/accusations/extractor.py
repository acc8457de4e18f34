class AccusationExtractor: pass
